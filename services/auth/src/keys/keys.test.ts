import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '@kavosh/auth-client';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { keySet, privateJwk, startAuth } from '../../test/helper.js';
import { registerAndLogin } from '../../test/fixtures.js';

const ISSUER = 'http://localhost:8080';
const AUDIENCE = 'kavosh';

/** Starts auth with that private key set, listening on an ephemeral port. */
async function authWith(jwks: string, activeKid?: string) {
  const svc = await startAuth({
    env: { JWT_PRIVATE_JWKS: jwks, ...(activeKid ? { JWT_ACTIVE_KID: activeKid } : {}) },
  });
  const address = await svc.app.listen({ port: 0, host: '127.0.0.1' });
  return { svc, jwksUrl: `${address}/.well-known/jwks.json` };
}

describe('GET /.well-known/jwks.json and key rotation', () => {
  const oldKey = privateJwk('2026-01');
  const newKey = privateJwk('2026-02');
  let before: { svc: TestService<KavoshApp>; jwksUrl: string };

  beforeAll(async () => {
    before = await authWith(keySet(oldKey));
  });
  afterAll(() => before.svc.close());

  it('publishes only public parts, with cache headers', async () => {
    const res = await before.svc.app.inject({ url: '/.well-known/jwks.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(res.json()).toEqual({
      keys: [{ kty: 'OKP', crv: 'Ed25519', x: oldKey.x, kid: '2026-01', alg: 'EdDSA', use: 'sig' }],
    });
    expect(res.body).not.toContain(String(oldKey.d));
  });

  it('signs EdDSA tokens with kid, iss, aud, sub, roles, iat, exp (≤ 15 min) and jti', async () => {
    const session = await registerAndLogin(before.svc.app);
    const [header, payload] = session.accessToken
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toEqual({ alg: 'EdDSA', typ: 'at+jwt', kid: '2026-01' });
    expect(payload).toMatchObject({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: session.userId,
      roles: ['user'],
    });
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(900);
    expect(typeof payload.jti).toBe('string');
  });

  it('keeps old tokens valid while both keys are published, then only the new key verifies', async () => {
    const oldToken = (await registerAndLogin(before.svc.app)).accessToken;

    // Step 1: the new key joins the set and becomes active; the old one stays published.
    const during = await authWith(keySet(oldKey, newKey), '2026-02');
    try {
      const verifier = createTokenVerifier({
        jwksUrl: during.jwksUrl,
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      const jwks = (await during.svc.app.inject({ url: '/.well-known/jwks.json' })).json();
      expect(jwks.keys.map((key: { kid: string }) => key.kid)).toEqual(['2026-01', '2026-02']);
      expect((await verifier.verify(oldToken)).roles).toEqual(['user']);
      const newToken = (await registerAndLogin(during.svc.app)).accessToken;
      expect(
        JSON.parse(Buffer.from(newToken.split('.')[0] ?? '', 'base64url').toString()).kid,
      ).toBe('2026-02');
      expect((await verifier.verify(newToken)).roles).toEqual(['user']);
      // The old token is accepted by auth itself too.
      const me = await during.svc.app.inject({
        url: '/me',
        headers: { authorization: `Bearer ${oldToken}` },
      });
      expect(me.statusCode).not.toBe(401);
    } finally {
      await during.svc.close();
    }

    // Step 2: after the old key's last token expired, it leaves the set.
    const after = await authWith(keySet(newKey));
    try {
      const verifier = createTokenVerifier({
        jwksUrl: after.jwksUrl,
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      const jwks = (await after.svc.app.inject({ url: '/.well-known/jwks.json' })).json();
      expect(jwks.keys.map((key: { kid: string }) => key.kid)).toEqual(['2026-02']);
      await expect(verifier.verify(oldToken)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    } finally {
      await after.svc.close();
    }
  }, 90_000); // two service starts and argon2 logins: slow on a loaded CI run

  it('refuses to start with a malformed key set or an unknown active kid', async () => {
    await expect(
      startAuth({ env: { JWT_PRIVATE_JWKS: '{"keys":[{"kty":"RSA"}]}' } }),
    ).rejects.toThrow(/Ed25519/);
    await expect(
      startAuth({ env: { JWT_PRIVATE_JWKS: keySet(oldKey), JWT_ACTIVE_KID: 'nope' } }),
    ).rejects.toThrow(/nope/);
  });
});
