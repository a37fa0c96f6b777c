import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { PublicJwkSet } from './schemas.js';

// A private Ed25519 key as a JWK; other fields (use, alg, created…) are allowed and ignored.
const PrivateEd25519Jwk = Type.Object({
  kty: Type.Literal('OKP'),
  crv: Type.Literal('Ed25519'),
  kid: Type.String({ minLength: 1, maxLength: 200 }),
  x: Type.String({ minLength: 1 }),
  d: Type.String({ minLength: 1 }),
});
const PrivateJwkSet = Type.Object({ keys: Type.Array(PrivateEd25519Jwk, { minItems: 1 }) });

export interface SigningKeys {
  /** The key new tokens are signed with (imported once, at start). */
  active: { kid: string; signingKey: KeyObject };
  /** The public half of every key in the set: what /.well-known/jwks.json publishes. */
  publicJwks: Static<typeof PublicJwkSet>;
}

/**
 * Reads a private JWK set (JSON text) and picks the active key: `activeKid`, or the last key.
 * Every key in the set stays published, so tokens signed by a retiring key keep verifying until
 * the operator removes it (docs/auth.md, rotation runbook). Throws on anything malformed.
 */
export function loadSigningKeys(jwksJson: string, activeKid?: string): SigningKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jwksJson);
  } catch {
    throw new Error('JWT_PRIVATE_JWKS is not valid JSON');
  }
  if (!Value.Check(PrivateJwkSet, parsed)) {
    throw new Error('JWT_PRIVATE_JWKS must be {"keys":[…]} of private Ed25519 (OKP) JWKs with kid');
  }
  const kids = parsed.keys.map((key) => key.kid);
  if (new Set(kids).size !== kids.length) throw new Error('JWT_PRIVATE_JWKS repeats a kid');
  const chosen = activeKid ?? kids[kids.length - 1];
  const activeJwk = parsed.keys.find((key) => key.kid === chosen);
  if (!activeJwk) throw new Error(`JWT_ACTIVE_KID ${String(chosen)} is not in the key set`);
  let signingKey: KeyObject;
  try {
    signingKey = createPrivateKey({
      key: { kty: activeJwk.kty, crv: activeJwk.crv, x: activeJwk.x, d: activeJwk.d },
      format: 'jwk',
    });
  } catch {
    throw new Error(`JWT_PRIVATE_JWKS: the key ${activeJwk.kid} is not a valid Ed25519 key`);
  }
  const publicKeys = parsed.keys.map(({ kty, crv, x, kid }) => ({
    kty,
    crv,
    x,
    kid,
    alg: 'EdDSA',
    use: 'sig',
  }));
  return { active: { kid: activeJwk.kid, signingKey }, publicJwks: { keys: publicKeys } };
}
