import { Type, type Static } from 'typebox';
import { UserIdQueryField } from '../infrastructure/access.js';

const Status = Type.Union([
  Type.Literal('pending'),
  Type.Literal('trialing'),
  Type.Literal('active'),
  Type.Literal('past_due'),
  Type.Literal('canceled'),
  Type.Literal('expired'),
]);
const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);

export const SubscriptionChange = Type.Object(
  {
    from: Type.Union([Type.String(), Type.Null()]),
    to: Type.String(),
    cause: Type.String({ description: 'provider_event, user, admin, reconciliation or system' }),
    causeRef: Type.Union([Type.String(), Type.Null()]),
    detail: Type.Union([Type.String(), Type.Null()]),
    at: Time,
  },
  { additionalProperties: false },
);

export const Subscription = Type.Object(
  {
    id: Type.String(),
    userId: Type.String(),
    planId: Type.String(),
    planName: Type.String(),
    tier: Type.Literal('premium'),
    price: Type.Object(
      { amountMinor: Type.Integer(), currency: Type.String() },
      { additionalProperties: false },
    ),
    interval: Type.String(),
    status: Status,
    cancelAtPeriodEnd: Type.Boolean(),
    currentPeriodStart: NullableTime,
    currentPeriodEnd: NullableTime,
    checkoutUrl: Type.Union([Type.String(), Type.Null()]),
    createdAt: Time,
    history: Type.Array(SubscriptionChange, { description: 'newest first, at most 50' }),
  },
  { additionalProperties: false },
);
export type Subscription = Static<typeof Subscription>;

export const SubscriptionQuery = Type.Object(
  { userId: UserIdQueryField },
  { additionalProperties: false },
);
