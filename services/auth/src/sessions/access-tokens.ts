import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ACCESS_TOKEN_TYPE, type Role } from '@kavosh/auth-client';
import type { SigningKeys } from '../keys/signing-keys.js';

export interface AccessTokenSigner {
  /** A signed access token for the user in that session (refresh family); ttl in seconds. */
  sign(claims: { userId: string; roles: Role[]; sessionId: string }): Promise<{
    token: string;
    expiresIn: number;
  }>;
}

export function createAccessTokenSigner(opts: {
  keys: SigningKeys;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  now: () => Date;
}): AccessTokenSigner {
  return {
    async sign({ userId, roles, sessionId }) {
      const iat = Math.floor(opts.now().getTime() / 1000);
      const token = await new SignJWT({ roles, sid: sessionId })
        .setProtectedHeader({ alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE, kid: opts.keys.active.kid })
        .setIssuer(opts.issuer)
        .setAudience(opts.audience)
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + opts.ttlSeconds)
        .sign(opts.keys.active.privateKey);
      return { token, expiresIn: opts.ttlSeconds };
    },
  };
}
