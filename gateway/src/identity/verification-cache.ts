import type { Identity, TokenVerifier } from '@kavosh/auth-client';

export interface VerificationCacheOptions {
  /** Verified tokens kept; the least recently used goes first. 0 turns the cache off. */
  maxEntries: number;
  /** Longest an entry is trusted, whatever its `exp`: bounds how long a key removed from the JWKS
   * still verifies here (jose's JWKS cache keeps keys longer than this anyway). */
  maxAgeMs: number;
  now?: () => number;
}

interface Entry {
  identity: Identity;
  /** Epoch ms after which the entry is not used: min(exp, cached at + maxAgeMs). */
  until: number;
}

/**
 * A verifier that remembers successful verifications (an EdDSA verify is the largest cost of a
 * request at the edge), keyed by the token string itself. Only valid tokens are stored, never
 * past their `exp`; failures (invalid, expired, auth unreachable) always go to the inner verifier.
 */
export function cachingVerifier(
  inner: TokenVerifier,
  opts: VerificationCacheOptions,
): TokenVerifier {
  if (opts.maxEntries === 0) return inner;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  /** The entry for `token` while it is trusted, moved last (Map order is the LRU order). */
  const trusted = (token: string): Identity | undefined => {
    const hit = entries.get(token);
    if (hit === undefined) return undefined;
    entries.delete(token);
    if (now() >= hit.until) return undefined;
    entries.set(token, hit);
    return hit.identity;
  };
  return {
    cached: trusted,
    async verify(token) {
      const hit = trusted(token);
      if (hit !== undefined) return hit;
      const identity = await inner.verify(token);
      const until = Math.min(identity.expiresAt.getTime(), now() + opts.maxAgeMs);
      if (until > now()) {
        if (entries.size >= opts.maxEntries) {
          const oldest = entries.keys().next();
          if (!oldest.done) entries.delete(oldest.value);
        }
        // Shared by every request with this token: frozen, so no handler can change another's.
        Object.freeze(identity.roles);
        entries.set(token, { identity: Object.freeze(identity), until });
      }
      return identity;
    },
  };
}
