import { randomUUID, sign, type KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_TYPE, type Role } from '@kavosh/auth-client';
import type { SigningKeys } from '../keys/signing-keys.js';

export interface AccessTokenSigner {
  /** A signed access token for the user in that session (refresh family); ttl in seconds. */
  sign(claims: { userId: string; roles: Role[]; sessionId: string }): Promise<{
    token: string;
    expiresIn: number;
  }>;
}

const base64url = (value: unknown): string =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/**
 * A compact JWS (RFC 7515) signed with Ed25519 (RFC 8037's EdDSA). Signed here with node:crypto's
 * one-shot sign() on the event loop (≈ 50 µs) rather than jose's WebCrypto, whose sign runs as a
 * job on libuv's thread pool: there it queued behind the argon2 hashes of a login burst.
 */
export function signCompactJws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject,
): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign(null, Buffer.from(input, 'ascii'), key).toString('base64url');
  return `${input}.${signature}`;
}

export function createAccessTokenSigner(opts: {
  keys: SigningKeys;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  now: () => Date;
}): AccessTokenSigner {
  const { active } = opts.keys;
  const header = { alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE, kid: active.kid };
  return {
    async sign({ userId, roles, sessionId }) {
      const iat = Math.floor(opts.now().getTime() / 1000);
      const token = signCompactJws(
        header,
        {
          roles,
          sid: sessionId,
          iss: opts.issuer,
          aud: opts.audience,
          sub: userId,
          jti: randomUUID(),
          iat,
          exp: iat + opts.ttlSeconds,
        },
        active.signingKey,
      );
      return { token, expiresIn: opts.ttlSeconds };
    },
  };
}
