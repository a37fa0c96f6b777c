import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { startAuth } from '../../test/helper.js';
import { PASSWORD, registerAndLogin, uniqueEmail } from '../../test/fixtures.js';
import { TooManyAttempts } from './errors.js';
import { createLoginThrottle, ipGroup } from './throttle.js';

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
    const keyPrefix = `${svc.prefix}:growth:`;
    try {
      const throttle = createLoginThrottle({ redis, keyPrefix });
      const email = uniqueEmail('growing');
      const retryAfter = async (ip: string) =>
        throttle.acquire(email, ip).then(
          () => 0,
          (err: unknown) => (err instanceof TooManyAttempts ? err.retryAfterSeconds : -1),
        );
      // Each attempt is counted as it starts; the fifth (the last free one) locks for 2 s.
      for (let i = 0; i < 5; i += 1) expect(await retryAfter(`10.2.1.${i}`)).toBe(0);
      const seen: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        seen.push(await retryAfter(`10.2.2.${i}`));
        // The lock runs out (no sleeping in tests): the next attempt is counted and locks longer.
        const [lock] = await redis.keys(`${keyPrefix}login:acct:*:lock`);
        if (lock !== undefined) await redis.del(lock);
        expect(await retryAfter(`10.2.3.${i}`)).toBe(0);
      }
      expect(seen).toEqual([2, 4, 8]);
    } finally {
      await redis.quit();
    }
  });

  it('lets no more concurrent wrong guesses at one account reach the password check than it allows', async () => {
    const { email } = await registerAndLogin(app);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(email, 'wrong password', `10.6.0.${i}`)),
    );
    const codes = answers.map((res) => res.statusCode);
    // A 401 is a password check that ran; every other guess was refused before it.
    expect(codes.filter((code) => code === 401)).toHaveLength(3);
    expect(codes.filter((code) => code === 429)).toHaveLength(17);
  });

  it('lets no more concurrent wrong guesses from one IP reach the password check than it allows', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => attempt(uniqueEmail('burst'), 'wrong password', '10.7.0.1')),
    );
    const codes = answers.map((res) => res.statusCode);
    expect(codes.filter((code) => code === 401)).toHaveLength(5);
    expect(codes.filter((code) => code === 429)).toHaveLength(15);
  });

  it('counts IPv6 clients by /64: addresses in one /64 share a counter, another /64 does not', async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await attempt(uniqueEmail('v6'), 'wrong password', `2001:db8:7:1::${i + 1}`);
      expect(res.statusCode).toBe(401);
    }
    const sameNetwork = await attempt(uniqueEmail('v6'), 'wrong password', '2001:db8:7:1:f0:1:2:3');
    expect(sameNetwork.statusCode).toBe(429);
    const otherNetwork = await attempt(uniqueEmail('v6'), 'wrong password', '2001:db8:7:2::1');
    expect(otherNetwork.statusCode).toBe(401);
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

  it('on a success, forgets the account’s failures and lock and takes one attempt back from the IP', async () => {
    const redis = new Redis(svc.infra.redisUrl);
    const keyPrefix = `${svc.prefix}:success:`;
    try {
      const rules = {
        accountFreeFailures: 2,
        ipFreeFailures: 2,
        windowSeconds: 900,
        maxLockSeconds: 900,
      };
      const throttle = createLoginThrottle({ redis, keyPrefix, rules });
      const email = uniqueEmail('succeeds');
      await throttle.acquire(email, '10.9.0.1');
      await throttle.acquire(email, '10.9.0.1'); // both reach their free failures: locked
      const keys = await redis.keys(`${keyPrefix}*`);
      const accountKeys = keys.filter((key) => key.includes(':acct:'));
      const ipFails = keys.find((key) => key.includes(':ip:') && key.endsWith(':fails')) ?? '';
      const ipLock = ipFails.replace(/:fails$/, ':lock');
      expect(accountKeys).toHaveLength(2); // its fails and its lock
      expect(await redis.exists(ipLock)).toBe(1);

      await throttle.succeeded(email, '10.9.0.1');
      expect(await redis.exists(...accountKeys)).toBe(0);
      expect(await redis.get(ipFails)).toBe('1');
      expect(await redis.exists(ipLock)).toBe(0); // back below the free failures
      await throttle.succeeded(email, '10.9.0.1');
      expect(await redis.exists(ipFails)).toBe(0); // a count of 0 is no key at all
    } finally {
      await redis.quit();
    }
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

describe('ipGroup', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and cuts IPv6 to its /64', () => {
    expect(ipGroup('203.0.113.7')).toBe('203.0.113.7');
    expect(ipGroup('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipGroup('2001:db8:7:1::5')).toBe('2001:db8:7:1::/64');
    expect(ipGroup('2001:0DB8:0007:0001:ffff:1:2:3')).toBe('2001:db8:7:1::/64');
    expect(ipGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipGroup('::1')).toBe('0:0:0:0::/64');
    expect(ipGroup('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(ipGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
