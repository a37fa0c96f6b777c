import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createLocalTokenVerifier } from './verifier.js';
import type { Role, TokenVerifier } from './verifier.js';

const ISSUER = 'http://localhost:8080';
const AUDIENCE = 'kavosh';

export interface TestTokens {
  verifier: TokenVerifier;
  /** A signed access token as auth would issue it. */
  tokenFor(opts?: { userId?: string; roles?: Role[]; expiresIn?: string }): Promise<string>;
}

/**
 * For services' tests: an Ed25519 key of the test's own, and a verifier that checks tokens the
 * way services check auth's, so a test can sign tokens for any user and role.
 */
export async function createTestTokens(): Promise<TestTokens> {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test', alg: 'EdDSA' };
  return {
    verifier: createLocalTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      keys: { keys: [jwk] },
    }),
    tokenFor: ({ userId = randomUUID(), roles = ['user'], expiresIn = '5m' } = {}) =>
      new SignJWT({ roles, jti: randomUUID() })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'test' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(pair.privateKey),
  };
}

let shared: Promise<TestTokens> | undefined;
/** One key per test process: every app built with its verifier accepts tokens from tokenFor(). */
export const testTokens = (): Promise<TestTokens> => (shared ??= createTestTokens());
