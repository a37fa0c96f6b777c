import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalTokenVerifier, TokenInvalid, type TokenVerifier } from '@kavosh/auth-client';
import { cachingVerifier } from './verification-cache.js';

const ISSUER = 'https://kavosh.test';
const AUDIENCE = 'kavosh-test';

describe('cachingVerifier', () => {
  let key: CryptoKey;
  let jwk: JWK;
  const sign = (exp: number, sub = 'u1') =>
    new SignJWT({ roles: ['user'], jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);

  // The real jose verifier underneath, counting how often it is asked.
  const counted = (clockToleranceSeconds = 0) => {
    const inner = createLocalTokenVerifier({
      keys: { keys: [jwk] },
      issuer: ISSUER,
      audience: AUDIENCE,
      clockToleranceSeconds,
    });
    const calls = { n: 0 };
    const verifier: TokenVerifier = {
      verify: (token) => {
        calls.n++;
        return inner.verify(token);
      },
    };
    return { verifier, calls };
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    key = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'EdDSA' };
  });

  it('when a valid token is verified twice, then the signature is checked once', async () => {
    const { verifier, calls } = counted();
    const cache = cachingVerifier(verifier, { maxEntries: 10, maxAgeMs: 60_000 });
    const token = await sign(Math.floor(Date.now() / 1000) + 300);
    const first = await cache.verify(token);
    const second = await cache.verify(token);
    expect(second).toEqual(first);
    expect(second.userId).toBe('u1');
    expect(calls.n).toBe(1);
  });

  it('when a cached token passes its exp, then it is rejected', async () => {
    const { verifier, calls } = counted();
    const cache = cachingVerifier(verifier, { maxEntries: 10, maxAgeMs: 600_000 });
    const exp = Math.floor(Date.now() / 1000) + 1;
    const token = await sign(exp);
    await cache.verify(token);
    // Real clocks on both sides: wait until exp has passed (at most a second).
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 20));
    await expect(cache.verify(token)).rejects.toBeInstanceOf(TokenInvalid);
    expect(calls.n).toBe(2);
  });

  it('when the cache clock passes exp, then the entry is not used', async () => {
    const { verifier, calls } = counted();
    let now = Date.now();
    const cache = cachingVerifier(verifier, { maxEntries: 10, maxAgeMs: 600_000, now: () => now });
    const exp = Math.floor(now / 1000) + 60;
    const token = await sign(exp);
    await cache.verify(token);
    await cache.verify(token);
    expect(calls.n).toBe(1);
    now = exp * 1000;
    await cache.verify(token);
    expect(calls.n).toBe(2);
  });

  it('when a token is invalid, then it is never cached', async () => {
    const { verifier, calls } = counted();
    const cache = cachingVerifier(verifier, { maxEntries: 10, maxAgeMs: 60_000 });
    const forged = `${(await sign(Math.floor(Date.now() / 1000) + 300)).slice(0, -4)}AAAA`;
    await expect(cache.verify(forged)).rejects.toBeInstanceOf(TokenInvalid);
    await expect(cache.verify(forged)).rejects.toBeInstanceOf(TokenInvalid);
    expect(calls.n).toBe(2);
  });

  it('when an entry is older than maxAgeMs, then it is verified again', async () => {
    const { verifier, calls } = counted();
    let now = Date.now();
    const cache = cachingVerifier(verifier, { maxEntries: 10, maxAgeMs: 1_000, now: () => now });
    const token = await sign(Math.floor(now / 1000) + 300);
    await cache.verify(token);
    now += 1_000;
    await cache.verify(token);
    expect(calls.n).toBe(2);
  });

  it('when the cache is full, then the least recently used token goes first', async () => {
    const { verifier, calls } = counted();
    const cache = cachingVerifier(verifier, { maxEntries: 2, maxAgeMs: 60_000 });
    const exp = Math.floor(Date.now() / 1000) + 300;
    const [a, b, c] = [await sign(exp, 'a'), await sign(exp, 'b'), await sign(exp, 'c')];
    await cache.verify(a);
    await cache.verify(b);
    await cache.verify(a); // a is now the most recent
    await cache.verify(c); // evicts b
    expect(calls.n).toBe(3);
    await cache.verify(a);
    expect(calls.n).toBe(3);
    await cache.verify(b);
    expect(calls.n).toBe(4);
  });

  it('when shared between requests, then the cached identity cannot be changed', async () => {
    const { verifier } = counted();
    const cache = cachingVerifier(verifier, { maxEntries: 10, maxAgeMs: 60_000 });
    const token = await sign(Math.floor(Date.now() / 1000) + 300);
    const identity = await cache.verify(token);
    expect(() => identity.roles.push('admin')).toThrow(TypeError);
    expect((await cache.verify(token)).roles).toEqual(['user']);
  });
});
