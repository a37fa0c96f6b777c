import { Type, type Static } from 'typebox';

// Something besides spaces: the provider refuses a product without a name.
export const PlanName = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });
export const Currency = Type.String({
  pattern: '^[A-Z]{3}$',
  minLength: 3,
  maxLength: 3,
  description: 'ISO 4217, upper case',
});
// Stripe's largest unit_amount: a plan priced above it could never be sold.
export const PriceMinor = Type.Integer({
  format: 'int32',
  minimum: 1,
  maximum: 99_999_999,
  description: 'price in minor units (cents) of the currency',
});
export const Interval = Type.Union([Type.Literal('month'), Type.Literal('year')]);
export const TrialDays = Type.Integer({ format: 'int32', minimum: 0, maximum: 90 });

export const PlanParams = Type.Object(
  { id: Type.String({ format: 'uuid', maxLength: 36 }) },
  { additionalProperties: false },
);
export type PlanParams = Static<typeof PlanParams>;

export const Plan = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    tier: Type.Literal('premium'),
    price: Type.Object(
      { amountMinor: Type.Integer(), currency: Type.String() },
      { additionalProperties: false },
    ),
    interval: Interval,
    trialDays: Type.Integer(),
    archived: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type Plan = Static<typeof Plan>;

export const PlanList = Type.Object({ items: Type.Array(Plan) }, { additionalProperties: false });
export type PlanList = Static<typeof PlanList>;

export const PlanCreateBody = Type.Object(
  {
    name: PlanName,
    priceMinor: PriceMinor,
    currency: Currency,
    interval: Interval,
    trialDays: Type.Optional(TrialDays),
  },
  { additionalProperties: false },
);
export type PlanCreateBody = Static<typeof PlanCreateBody>;

export const PlanPatchBody = Type.Object(
  {
    name: Type.Optional(PlanName),
    priceMinor: Type.Optional(PriceMinor),
    currency: Type.Optional(Currency),
    trialDays: Type.Optional(TrialDays),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PlanPatchBody = Static<typeof PlanPatchBody>;

export const PlanListQuery = Type.Object(
  {
    includeArchived: Type.Optional(
      Type.Boolean({ description: 'Admins only: list archived plans too' }),
    ),
  },
  { additionalProperties: false },
);
export type PlanListQuery = Static<typeof PlanListQuery>;
