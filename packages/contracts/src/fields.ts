import { Type, type Static } from 'typebox';

// Shared field schemas. Every id in Kavosh is a UUID string; every time on the wire is UTC.

/** A UUID string (any version): entity ids and event ids. */
export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });

/** Keywords of an ISO 8601 UTC date-time with a `Z` suffix, as `Date.prototype.toISOString()` writes. */
export const UTC_DATE_TIME = {
  format: 'date-time',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$',
  maxLength: 35,
} as const;

export const UtcDateTime = Type.String(UTC_DATE_TIME);

export const Email = Type.String({ format: 'email', maxLength: 254 });

export const DisplayName = Type.String({ minLength: 1, maxLength: 100 });

export const Role = Type.Enum(['user', 'editor', 'moderator', 'admin']);
export type Role = Static<typeof Role>;

/** The user's full set of roles; at least one, each at most once. */
export const Roles = Type.Array(Role, { minItems: 1, maxItems: 4, uniqueItems: true });

export const Tier = Type.Enum(['free', 'premium']);
export type Tier = Static<typeof Tier>;

/** Money in integer minor units (cents) of an ISO 4217 currency. */
export const Money = Type.Object(
  {
    amountMinor: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 }),
  },
  { additionalProperties: false },
);
export type Money = Static<typeof Money>;
