import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64url, SignJWT } from 'jose';
import { createTokenVerifier, type TokenVerifier } from '../src/index.js';
import {
  AUDIENCE,
  ISSUER,
  makeKey,
  signToken,
  startJwksServer,
  type TestKey,
} from './jwks-server.js';

const codeOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => 'resolved',
    (err: unknown) => (err instanceof Error && 'code' in err ? err.code : err),
  );

describe('createTokenVerifier', () => {
  let key: TestKey;
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    key = await makeKey('k1');
    jwks = await startJwksServer([key.publicJwk]);
    verifier = createTokenVerifier({
      jwksUrl: jwks.url,
      issuer: ISSUER,
      audience: AUDIENCE,
      cooldownMs: 0,
    });
  });
  afterAll(() => jwks.close());

  it('returns the identity of a valid token', async () => {
    const token = await signToken(key, { claims: { roles: ['user', 'editor'], sid: 'fam-1' } });
    const identity = await verifier.verify(token);
    expect(identity).toMatchObject({
      userId: '0d9e2c52-5f0e-4a43-9f1c-8e1b8f3e8a11',
      roles: ['user', 'editor'],
      tokenId: '8b3c6f0e-1d2a-4b5c-9e7f-0a1b2c3d4e5f',
      sessionId: 'fam-1',
    });
    expect(identity.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses alg none', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: 'k1' }));
    const valid = await signToken(key);
    const payload = valid.split('.')[1];
    expect(await codeOf(verifier.verify(`${header}.${payload}.`))).toBe('TOKEN_INVALID');
  });

  it('refuses HS256 signed with the public key as the secret', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(key.publicJwk));
    const token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('u')
      .setJti('j')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(secret);
    expect(await codeOf(verifier.verify(token))).toBe('TOKEN_INVALID');
  });

  it('refuses a wrong audience, a wrong issuer and a wrong typ', async () => {
    expect(await codeOf(verifier.verify(await signToken(key, { claims: { aud: 'other' } })))).toBe(
      'TOKEN_INVALID',
    );
    expect(
      await codeOf(verifier.verify(await signToken(key, { claims: { iss: 'http://evil' } }))),
    ).toBe('TOKEN_INVALID');
    expect(await codeOf(verifier.verify(await signToken(key, { header: { typ: 'JWT' } })))).toBe(
      'TOKEN_INVALID',
    );
  });

  it('refuses an expired token', async () => {
    const token = await signToken(key, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    expect(await codeOf(verifier.verify(token))).toBe('TOKEN_INVALID');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await signToken(key)).split('.');
    const forged = base64url.encode(
      JSON.stringify({ sub: 'someone-else', roles: ['admin'], iss: ISSUER, aud: AUDIENCE }),
    );
    expect(await codeOf(verifier.verify(`${header}.${forged}.${signature}`))).toBe('TOKEN_INVALID');
  });

  it('refuses a token signed by a key the JWKS does not publish (unknown kid)', async () => {
    const stranger = await makeKey('unknown');
    expect(await codeOf(verifier.verify(await signToken(stranger)))).toBe('TOKEN_INVALID');
  });

  it('refuses unknown roles and malformed tokens', async () => {
    expect(
      await codeOf(verifier.verify(await signToken(key, { claims: { roles: ['root'] } }))),
    ).toBe('TOKEN_INVALID');
    expect(await codeOf(verifier.verify('not-a-jwt'))).toBe('TOKEN_INVALID');
  });

  it('refetches the JWKS when a new kid appears (rotation)', async () => {
    const next = await makeKey('k2');
    jwks.setKeys([key.publicJwk, next.publicJwk]);
    const before = jwks.fetches();
    const identity = await verifier.verify(await signToken(next));
    expect(identity.roles).toEqual(['user']);
    expect(jwks.fetches()).toBeGreaterThan(before);
  });

  it('answers 503 AUTH_UNAVAILABLE when the JWKS cannot be reached', async () => {
    const down = await startJwksServer([]);
    await down.close();
    const unreachable = createTokenVerifier({
      jwksUrl: down.url,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    expect(await codeOf(unreachable.verify(await signToken(key)))).toBe('AUTH_UNAVAILABLE');
  });
});
