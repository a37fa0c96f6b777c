import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { startAuth } from '../../test/helper.js';
import { PASSWORD, registerAndLogin, uniqueEmail } from '../../test/fixtures.js';
import { TooManyAttempts } from './errors.js';
import { createLoginThrottle } from './throttle.js';

describe('POST /login throttling', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;

  beforeAll(async () => {
    svc = await startAuth({
      deps: {
        throttle: {
          accountFreeFailures: 3,
          ipFreeFailures: 5,
          windowSeconds: 900,
          maxLockSeconds: 900,
        },
      },
    });
    app = svc.app;
  });
  afterAll(() => svc.close());

  const attempt = (email: string, password: string, ip = '10.0.0.1') =>
    app.inject({ method: 'POST', url: '/login', payload: { email, password }, remoteAddress: ip });

  it('locks an account after repeated failures with 429 and Retry-After, even for the right password', async () => {
    const { email } = await registerAndLogin(app);
    for (let i = 0; i < 3; i += 1) {
      expect((await attempt(email, 'wrong password', `10.1.0.${i}`)).statusCode).toBe(401);
    }
    const locked = await attempt(email, PASSWORD, '10.1.0.99');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(locked.json().retryAfterSeconds).toBe(Number(locked.headers['retry-after']));
  });

  it('grows the lock with each further failure: 2, 4, 8 … seconds', async () => {
    const redis = new Redis(svc.infra.redisUrl);
    try {
      const throttle = createLoginThrottle({ redis, keyPrefix: `${svc.prefix}:growth:` });
      const email = uniqueEmail('growing');
      const retryAfter = async () =>
        throttle.assertAllowed(email, '10.2.0.1').then(
          () => 0,
          (err: unknown) => (err instanceof TooManyAttempts ? err.retryAfterSeconds : -1),
        );
      for (let i = 0; i < 4; i += 1) await throttle.recordFailure(email, `10.2.1.${i}`);
      expect(await retryAfter()).toBe(0);
      const seen: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        await throttle.recordFailure(email, `10.2.2.${i}`);
        seen.push(await retryAfter());
      }
      expect(seen).toEqual([2, 4, 8]);
    } finally {
      await redis.quit();
    }
  });

  it('locks an IP that fails across many accounts (credential stuffing), not other IPs', async () => {
    const ip = '10.3.0.1';
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(uniqueEmail('stuffed'), 'wrong password', ip)).statusCode).toBe(401);
    }
    const { email } = await registerAndLogin(app);
    expect((await attempt(email, PASSWORD, ip)).statusCode).toBe(429);
    expect((await attempt(email, PASSWORD, '10.3.0.2')).statusCode).toBe(200);
  });

  it('counts the client behind a trusted proxy by X-Forwarded-For, and ignores it from others', async () => {
    const viaGateway = (forwardedFor: string) =>
      app.inject({
        method: 'POST',
        url: '/login',
        payload: { email: uniqueEmail('xff'), password: 'wrong password' },
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': forwardedFor },
      });
    for (let i = 0; i < 5; i += 1) await viaGateway('203.0.113.7');
    expect((await viaGateway('203.0.113.7')).statusCode).toBe(429);
    // Another client behind the same gateway is not locked out.
    expect((await viaGateway('203.0.113.8')).statusCode).toBe(401);
    // A direct client cannot dodge its own lock by forging the header.
    for (let i = 0; i < 5; i += 1)
      await attempt(uniqueEmail('forger'), 'wrong password', '10.5.0.1');
    const forged = await app.inject({
      method: 'POST',
      url: '/login',
      payload: { email: uniqueEmail('forger'), password: 'wrong password' },
      remoteAddress: '10.5.0.1',
      headers: { 'x-forwarded-for': '198.51.100.1' },
    });
    expect(forged.statusCode).toBe(429);
  });

  it('forgets an account’s failures after a successful login', async () => {
    const { email } = await registerAndLogin(app);
    const ip = '10.4.0.1';
    for (let i = 0; i < 2; i += 1) await attempt(email, 'wrong password', ip);
    expect((await attempt(email, PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < 2; i += 1) {
      expect((await attempt(email, 'wrong password', ip)).statusCode).toBe(401);
    }
  });
});
