import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64url, importJWK, SignJWT, type JWTPayload } from 'jose';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { keySet, privateJwk, startAuth } from './helper.js';
import { registerAndLogin, type Session } from './fixtures.js';

const key = privateJwk('attack-test');

describe('access-token attacks on a protected route (GET /me)', () => {
  let svc: TestService<KavoshApp>;
  let victim: Session;

  beforeAll(async () => {
    svc = await startAuth({ env: { JWT_PRIVATE_JWKS: keySet(key) } });
    victim = await registerAndLogin(svc.app);
  });
  afterAll(() => svc.close());

  const me = (token: string) =>
    svc.app.inject({ url: '/me', headers: { authorization: `Bearer ${token}` } });

  const claims = (): JWTPayload => ({
    iss: 'http://localhost:8080',
    aud: 'kavosh',
    sub: victim.userId,
    jti: 'attack',
    roles: ['admin'],
  });

  const signed = async (payload: JWTPayload, kid = key.kid, expiresIn: string | number = '10m') =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid })
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(await importJWK(key, 'EdDSA'));

  it('accepts the genuine token (control)', async () => {
    expect((await me(victim.accessToken)).statusCode).toBe(200);
    expect((await me(await signed(claims()))).statusCode).toBe(200);
  });

  it.each([
    [
      'alg none',
      async () =>
        `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: key.kid }))}.${base64url.encode(JSON.stringify({ ...claims(), exp: 9_999_999_999 }))}.`,
    ],
    [
      'HS256 with the public key as the secret',
      async () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: key.kid })
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode(JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: key.x }))),
    ],
    ['a wrong audience', async () => signed({ ...claims(), aud: 'another-app' })],
    ['a wrong issuer', async () => signed({ ...claims(), iss: 'https://evil.example' })],
    [
      'an expired token',
      async () => signed(claims(), key.kid, Math.floor(Date.now() / 1000) - 120),
    ],
    ['an unknown kid', async () => signed(claims(), 'not-published')],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = victim.accessToken.split('.');
        return `${header}.${base64url.encode(JSON.stringify(claims()))}.${signature}`;
      },
    ],
    ['garbage', async () => 'a.b.c'],
  ])('answers 401 TOKEN_INVALID for %s', async (_name, make) => {
    const res = await me(await make());
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('TOKEN_INVALID');
  });
});
