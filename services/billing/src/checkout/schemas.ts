import { Type, type Static } from 'typebox';

export const CheckoutHeaders = Type.Object(
  {
    'idempotency-key': Type.String({
      minLength: 8,
      maxLength: 255,
      pattern: '^[A-Za-z0-9_.:-]+$',
      description: 'A unique key per checkout attempt (a UUID v4 is best); kept 24 h',
    }),
  },
  // Other headers (authorization, tracing …) are not this schema's business.
  { additionalProperties: true },
);

export const CheckoutBody = Type.Object(
  { planId: Type.String({ format: 'uuid', maxLength: 36 }) },
  { additionalProperties: false },
);
export type CheckoutBody = Static<typeof CheckoutBody>;

export const CheckoutAnswer = Type.Object(
  {
    subscriptionId: Type.String(),
    planId: Type.String(),
    status: Type.Literal('pending'),
    checkoutUrl: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type CheckoutAnswer = Static<typeof CheckoutAnswer>;
