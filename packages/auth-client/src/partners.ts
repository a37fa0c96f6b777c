import type { FastifyRequest } from 'fastify';

/**
 * What a partner key may be used for: the closed list, in one place. Auth refuses any other scope
 * on a key, services may declare only these, and the gateway enforces them.
 */
export const PARTNER_SCOPES = ['catalog:read', 'playback:issue', 'billing:webhook'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

/**
 * Scopes whose requests change state (or issue something of value): each request under them must
 * be signed (docs/partners.md), so a captured request can be neither altered nor replayed.
 */
export const SIGNED_SCOPES: ReadonlySet<PartnerScope> = new Set([
  'playback:issue',
  'billing:webhook',
]);

/** Rate-limit tiers of a key; the gateway maps each to requests per window. */
export const PARTNER_TIERS = ['basic', 'standard', 'premium'] as const;
export type PartnerTier = (typeof PARTNER_TIERS)[number];

export const isPartnerScope = (value: unknown): value is PartnerScope =>
  (PARTNER_SCOPES as readonly unknown[]).includes(value);

/**
 * A partner key: `kvp_<prefix>_<secret>`. The prefix (12 lower-case hex) names the key for lookup,
 * logs and metrics; the secret (43 base64url characters, 256 bits) is never stored.
 */
export const PARTNER_KEY_PATTERN = /^kvp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** The prefix of a well-formed key, or undefined. */
export const partnerKeyPrefix = (key: string): string | undefined =>
  PARTNER_KEY_PATTERN.exec(key)?.[1];

/** Auth's internal verification endpoint (hidden from its OpenAPI document: never public). */
export const PARTNER_VERIFY_PATH = '/internal/partner-keys/verify';

/**
 * Redis channel auth publishes a key's prefix on whenever the key is rotated or revoked: every
 * gateway replica drops what it cached for that prefix at once.
 */
export const PARTNER_KEYS_CHANNEL = 'kavosh:partner-keys:changed';

/** What auth answers for a valid key (and what the gateway caches). */
export interface PartnerKeyVerification {
  keyId: string;
  prefix: string;
  partner: string;
  scopes: PartnerScope[];
  tier: PartnerTier;
  /** ISO 8601: the key's own expiry, or the end of a rotated secret's overlap, whichever is first. */
  validUntil: string;
}

/** A partner caller as a service sees it (set by the gateway in INTERNAL_PARTNER_HEADER). */
export interface PartnerIdentity {
  keyId: string;
  partner: string;
  scopes: PartnerScope[];
}

/**
 * Set by the gateway on a request it authenticated with a partner key; stripped from every client
 * request (the gateway drops `x-internal-*`), and only the gateway reaches the services (their
 * NetworkPolicy), so a service trusts it as it trusts the network boundary.
 */
export const INTERNAL_PARTNER_HEADER = 'x-internal-partner';

export const formatPartnerHeader = (partner: PartnerIdentity): string =>
  `${partner.keyId};${partner.partner};${partner.scopes.join(',')}`;

export function parsePartnerHeader(value: unknown): PartnerIdentity | null {
  if (typeof value !== 'string' || value.length > 512) return null;
  const [keyId, partner, scopes, extra] = value.split(';');
  if (extra !== undefined || !keyId || !partner || scopes === undefined) return null;
  const list = scopes.split(',');
  if (!list.every(isPartnerScope)) return null;
  return { keyId, partner, scopes: list };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The partner calling with a verified key, or null (see INTERNAL_PARTNER_HEADER). */
    partner: PartnerIdentity | null;
  }
}

/** The partner identity of a request, or null. */
export const partnerOf = (request: FastifyRequest): PartnerIdentity | null => request.partner;
