import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { dependencyUnavailable } from '@kavosh/service-kit';
import { TokenInvalid } from './errors.js';

export const ROLES = ['user', 'editor', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who made the request, as the access token says. */
export interface Identity {
  userId: string;
  roles: Role[];
  /** The token's `jti`. */
  tokenId: string;
  expiresAt: Date;
  /** The refresh-token family (login session) the token was issued for, when it says. */
  sessionId: string | undefined;
}

export interface TokenVerifier {
  /** Verifies a compact JWS access token; throws TokenInvalid (401) or 503 AUTH_UNAVAILABLE. */
  verify(token: string): Promise<Identity>;
  /** A verification this verifier still trusts for `token`, known without waiting (a cache). */
  cached?(token: string): Identity | undefined;
}

export interface VerifyOptions {
  issuer: string;
  audience: string;
  /** Leeway for exp/iat between machines, seconds (default 5). */
  clockToleranceSeconds?: number;
}

/** The JWT `typ` of Kavosh access tokens (RFC 9068); other JWTs signed by the same key are refused. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
const ALGORITHMS = ['EdDSA'];

const isRole = (value: unknown): value is Role => ROLES.some((role) => role === value);

function verifierFor(getKey: JWTVerifyGetKey, opts: VerifyOptions): TokenVerifier {
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, getKey, {
          issuer: opts.issuer,
          audience: opts.audience,
          algorithms: ALGORITHMS,
          typ: ACCESS_TOKEN_TYPE,
          requiredClaims: ['sub', 'exp', 'iat', 'jti'],
          clockTolerance: opts.clockToleranceSeconds ?? 5,
        });
        const { sub, jti, exp, roles, sid } = payload;
        if (
          typeof sub !== 'string' ||
          typeof jti !== 'string' ||
          typeof exp !== 'number' ||
          !Array.isArray(roles) ||
          roles.length === 0 ||
          !roles.every(isRole) ||
          (sid !== undefined && typeof sid !== 'string')
        ) {
          throw new TokenInvalid();
        }
        return {
          userId: sub,
          roles: [...roles],
          tokenId: jti,
          expiresAt: new Date(exp * 1000),
          sessionId: sid,
        };
      } catch (err) {
        if (err instanceof TokenInvalid) throw err;
        // Not reaching auth's JWKS (network, timeout, a broken answer) is our outage, not a bad token.
        if (
          !(err instanceof errors.JOSEError) ||
          err instanceof errors.JWKSTimeout ||
          err instanceof errors.JWKSInvalid
        ) {
          throw dependencyUnavailable('auth', err);
        }
        throw new TokenInvalid(err);
      }
    },
  };
}

/**
 * A verifier that fetches the public keys from auth's JWKS URL, caches them (cacheMaxAgeMs,
 * default 10 min) and refetches on an unknown `kid` at most once per cooldownMs (default 30 s).
 */
export function createTokenVerifier(
  opts: VerifyOptions & { jwksUrl: string; cooldownMs?: number; cacheMaxAgeMs?: number },
): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(opts.jwksUrl), {
    cooldownDuration: opts.cooldownMs ?? 30_000,
    cacheMaxAge: opts.cacheMaxAgeMs ?? 600_000,
    timeoutDuration: 5_000,
  });
  return verifierFor(jwks, opts);
}

/** A verifier over a public key set held in memory (auth verifies its own tokens this way). */
export function createLocalTokenVerifier(
  opts: VerifyOptions & { keys: JSONWebKeySet },
): TokenVerifier {
  return verifierFor(createLocalJWKSet(opts.keys), opts);
}
