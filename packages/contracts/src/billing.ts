import { Type, type Static } from 'typebox';
import { defineEvent } from './define-event.js';
import { Money, UtcDateTime, Uuid } from './fields.js';

// Billing events can arrive out of order: consumers apply one only when its time (activatedAt,
// canceledAt, expiredAt) is newer than the last fact they applied for that subscription.

export const BillingSubscriptionActivatedV1Data = Type.Object(
  {
    subscriptionId: Uuid,
    userId: Uuid,
    planId: Uuid,
    tier: Type.Literal('premium'),
    currentPeriodEnd: UtcDateTime,
    activatedAt: UtcDateTime,
  },
  { additionalProperties: false },
);
export type BillingSubscriptionActivatedV1Data = Static<typeof BillingSubscriptionActivatedV1Data>;

export const billingSubscriptionActivatedV1 = defineEvent({
  type: 'billing.subscription.activated.v1',
  description:
    'A subscription started or renewed; the user has its tier until currentPeriodEnd. A renewal ' +
    'publishes this event again with the new currentPeriodEnd.',
  subject: 'subscriptionId',
  consumers: [
    { service: 'catalog', purpose: 'grant the premium entitlement' },
    { service: 'social', purpose: 'notify the user' },
  ],
  data: BillingSubscriptionActivatedV1Data,
});
export const BillingSubscriptionActivatedV1 = billingSubscriptionActivatedV1.schema;
export type BillingSubscriptionActivatedV1 = Static<typeof BillingSubscriptionActivatedV1>;

export const BillingSubscriptionCanceledV1Data = Type.Object(
  { subscriptionId: Uuid, userId: Uuid, canceledAt: UtcDateTime, endsAt: UtcDateTime },
  { additionalProperties: false },
);
export type BillingSubscriptionCanceledV1Data = Static<typeof BillingSubscriptionCanceledV1Data>;

export const billingSubscriptionCanceledV1 = defineEvent({
  type: 'billing.subscription.canceled.v1',
  description:
    'The user canceled; the subscription will not renew. Access continues until endsAt, when ' +
    'billing.subscription.expired.v1 follows.',
  subject: 'subscriptionId',
  consumers: [
    { service: 'catalog', purpose: 'end the entitlement at endsAt' },
    { service: 'social', purpose: 'notify the user' },
  ],
  data: BillingSubscriptionCanceledV1Data,
});
export const BillingSubscriptionCanceledV1 = billingSubscriptionCanceledV1.schema;
export type BillingSubscriptionCanceledV1 = Static<typeof BillingSubscriptionCanceledV1>;

export const BillingSubscriptionExpiredV1Data = Type.Object(
  { subscriptionId: Uuid, userId: Uuid, expiredAt: UtcDateTime },
  { additionalProperties: false },
);
export type BillingSubscriptionExpiredV1Data = Static<typeof BillingSubscriptionExpiredV1Data>;

export const billingSubscriptionExpiredV1 = defineEvent({
  type: 'billing.subscription.expired.v1',
  description: 'The subscription ended (canceled period over, or payment not recovered).',
  subject: 'subscriptionId',
  consumers: [
    { service: 'catalog', purpose: 'revoke the entitlement' },
    { service: 'social', purpose: 'notify the user' },
  ],
  data: BillingSubscriptionExpiredV1Data,
});
export const BillingSubscriptionExpiredV1 = billingSubscriptionExpiredV1.schema;
export type BillingSubscriptionExpiredV1 = Static<typeof BillingSubscriptionExpiredV1>;

export const BillingPaymentSucceededV1Data = Type.Object(
  {
    paymentId: Uuid,
    userId: Uuid,
    subscriptionId: Type.Union([Uuid, Type.Null()]),
    invoiceId: Uuid,
    amount: Money,
    paidAt: UtcDateTime,
  },
  { additionalProperties: false },
);
export type BillingPaymentSucceededV1Data = Static<typeof BillingPaymentSucceededV1Data>;

export const billingPaymentSucceededV1 = defineEvent({
  type: 'billing.payment.succeeded.v1',
  description: 'A payment was captured and its invoice issued.',
  subject: 'paymentId',
  consumers: [{ service: 'social', purpose: 'notify the user' }],
  data: BillingPaymentSucceededV1Data,
});
export const BillingPaymentSucceededV1 = billingPaymentSucceededV1.schema;
export type BillingPaymentSucceededV1 = Static<typeof BillingPaymentSucceededV1>;

export const BillingPaymentFailedV1Data = Type.Object(
  {
    paymentId: Uuid,
    userId: Uuid,
    subscriptionId: Type.Union([Uuid, Type.Null()]),
    amount: Money,
    reason: Type.String({
      minLength: 1,
      maxLength: 500,
      description: "The provider's reason, safe to show the user; never card data.",
    }),
    failedAt: UtcDateTime,
  },
  { additionalProperties: false },
);
export type BillingPaymentFailedV1Data = Static<typeof BillingPaymentFailedV1Data>;

export const billingPaymentFailedV1 = defineEvent({
  type: 'billing.payment.failed.v1',
  description: 'A payment attempt was declined or errored.',
  subject: 'paymentId',
  consumers: [{ service: 'social', purpose: 'notify the user' }],
  data: BillingPaymentFailedV1Data,
});
export const BillingPaymentFailedV1 = billingPaymentFailedV1.schema;
export type BillingPaymentFailedV1 = Static<typeof BillingPaymentFailedV1>;
