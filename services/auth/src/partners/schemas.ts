import { PARTNER_SCOPES, PARTNER_TIERS } from '@kavosh/auth-client';
import { Type, type Static } from 'typebox';

export const MAX_PAGE_SIZE = 100;
/** Longest a key may live before it must be replaced (a key is a long-lived credential). */
export const MAX_KEY_LIFETIME_DAYS = 730;
/** Longest a rotated secret keeps working beside the new one. */
export const MAX_OVERLAP_SECONDS = 7 * 24 * 3600;

export const PartnerName = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{1,62}$',
  minLength: 2,
  maxLength: 63,
  description: 'lower-case letters, digits and hyphens',
});
export const Scope = Type.Enum(PARTNER_SCOPES);
export const Tier = Type.Enum(PARTNER_TIERS);
const Scopes = Type.Array(Scope, {
  minItems: 1,
  maxItems: PARTNER_SCOPES.length,
  uniqueItems: true,
});

export const CreateKeyBody = Type.Object(
  {
    partner: PartnerName,
    scopes: Scopes,
    tier: Tier,
    expiresAt: Type.String({ format: 'date-time', maxLength: 40 }),
  },
  { additionalProperties: false },
);

export const RotateKeyBody = Type.Object(
  {
    overlapSeconds: Type.Integer({
      format: 'int32',
      minimum: 0,
      maximum: MAX_OVERLAP_SECONDS,
      default: 86_400,
    }),
  },
  { additionalProperties: false },
);

export const PartnerKey = Type.Object(
  {
    id: Type.String({ format: 'uuid', maxLength: 36 }),
    prefix: Type.String(),
    partner: Type.String(),
    scopes: Scopes,
    tier: Tier,
    expiresAt: Type.String({ format: 'date-time' }),
    createdAt: Type.String({ format: 'date-time' }),
    rotatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    previousSecretValidUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  },
  { additionalProperties: false },
);
export type PartnerKey = Static<typeof PartnerKey>;

/** A key with its secret: answered once, at creation or rotation, never again. */
export const IssuedKey = Type.Object(
  {
    key: PartnerKey,
    secret: Type.String({ description: 'kvp_<prefix>_<secret>: shown once, store it now' }),
  },
  { additionalProperties: false },
);

export const KeyListQuery = Type.Object(
  {
    partner: Type.Optional(PartnerName),
    cursor: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 }),
  },
  { additionalProperties: false },
);

export const KeyPage = Type.Object(
  { items: Type.Array(PartnerKey), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

export const KeyParams = Type.Object(
  { id: Type.String({ format: 'uuid', maxLength: 36 }) },
  { additionalProperties: false },
);

export const VerifyBody = Type.Object(
  { key: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const Verification = Type.Object(
  {
    keyId: Type.String(),
    prefix: Type.String(),
    partner: Type.String(),
    scopes: Scopes,
    tier: Tier,
    validUntil: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
