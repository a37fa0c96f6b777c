import { generateKeyPairSync } from 'node:crypto';
import { CompactSign, createLocalJWKSet, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadSigningKeys } from '../keys/signing-keys.js';
import { createAccessTokenSigner, signCompactJws } from './access-tokens.js';

const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
const keySet = JSON.stringify({
  keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid: 'unit-1' }],
});

describe('access token signing on node:crypto', () => {
  it('writes the same compact JWS, byte for byte, as jose (Ed25519 is deterministic)', async () => {
    const keys = loadSigningKeys(keySet);
    const header = { alg: 'EdDSA', typ: 'at+jwt', kid: 'unit-1' };
    const payload = { sub: 'user-1', roles: ['user'], iat: 1_700_000_000, note: 'ünïcode ✓' };
    const ours = signCompactJws(header, payload, keys.active.signingKey);
    const joses = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader(header)
      .sign(await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, 'EdDSA'));
    expect(ours).toBe(joses);
  });

  it('issues tokens that jose verifies with the published key, with every claim', async () => {
    const keys = loadSigningKeys(keySet);
    const now = new Date();
    const signer = createAccessTokenSigner({
      keys,
      issuer: 'http://localhost:8080',
      audience: 'kavosh',
      ttlSeconds: 900,
      now: () => now,
    });
    const { token, expiresIn } = await signer.sign({
      userId: 'user-7',
      roles: ['editor'],
      sessionId: 'family-1',
    });
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createLocalJWKSet(keys.publicJwks),
      {
        issuer: 'http://localhost:8080',
        audience: 'kavosh',
        typ: 'at+jwt',
        algorithms: ['EdDSA'],
      },
    );
    expect(protectedHeader).toEqual({ alg: 'EdDSA', typ: 'at+jwt', kid: 'unit-1' });
    const iat = Math.floor(now.getTime() / 1000);
    expect(payload).toEqual({
      roles: ['editor'],
      sid: 'family-1',
      iss: 'http://localhost:8080',
      aud: 'kavosh',
      sub: 'user-7',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iat,
      exp: iat + 900,
    });
    expect(expiresIn).toBe(900);
  });

  it('refuses a key set whose active key is not a valid Ed25519 key', () => {
    const broken = JSON.stringify({
      keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'AAAA', kid: 'bad' }],
    });
    expect(() => loadSigningKeys(broken)).toThrow(/bad is not a valid Ed25519 key/);
  });
});
