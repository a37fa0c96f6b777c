import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getInfra, TcpProxy, uniquePrefix } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { signToken, startUpstream } from './support.js';

type Upstream = Awaited<ReturnType<typeof startUpstream>>;

describe('gateway rate limits', () => {
  let upstream: Upstream;
  let redisUrl: string;
  const apps: KavoshApp[] = [];

  const gateway = async (env: Record<string, string>, prefix: string) => {
    const app = await buildApp(
      readConfig({
        ...upstream.env,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: prefix,
        RATE_LIMIT_WINDOW_MS: '600000',
        ...env,
      }),
    );
    apps.push(app);
    await app.ready();
    // Counting is shared only once Redis is connected (before, each gateway counts alone).
    await eventually(async () => {
      const deps = await app.inject({ url: '/health/dependencies' });
      expect(deps.json()).toMatchObject({ dependencies: { redis: { state: 'up' } } });
    });
    return app;
  };
  const bearer = async (sub: string) => ({
    authorization: `Bearer ${await signToken(upstream.key, { sub })}`,
  });
  const login = (app: KavoshApp, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress });

  beforeAll(async () => {
    upstream = await startUpstream();
    redisUrl = (await getInfra()).redisUrl;
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await upstream?.close();
  });

  it('when RATE_LIMIT_ENABLED=false, then nothing is counted: no 429 and no RateLimit headers', async () => {
    const app = await gateway(
      { RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_MAX: '2', RATE_LIMIT_SYNC_EVERY: '1' },
      `${uniquePrefix('gw-rl-off')}:`,
    );
    const alice = await bearer('alice');
    for (let i = 0; i < 4; i++) {
      const res = await app.inject({ url: '/api/catalog/movies', headers: alice });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it('when a user passes the standard limit, then 429 RATE_LIMITED with Retry-After and RateLimit headers', async () => {
    const app = await gateway(
      { RATE_LIMIT_MAX: '5', RATE_LIMIT_SYNC_EVERY: '2' },
      `${uniquePrefix('gw-rl')}:`,
    );
    const alice = await bearer('alice');
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ url: '/api/catalog/movies', headers: alice });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('5');
      remaining.push(String(res.headers['ratelimit-remaining']));
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const refused = await app.inject({ url: '/api/catalog/movies', headers: alice });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);

    // Counted per user: another user, and an anonymous caller (by IP), still pass.
    const bob = await app.inject({ url: '/api/catalog/movies', headers: await bearer('bob') });
    expect(bob.statusCode).toBe(200);
    const anonymous = await app.inject({ method: 'POST', url: '/api/auth/logout', payload: {} });
    expect(anonymous.statusCode).toBe(200);

    const metrics = await app.metrics.metrics();
    expect(metrics).toMatch(/gateway_rate_limit_rejections_total\{policy="standard"\} 1\b/);
  });

  it('when two gateways share Redis, then one limit holds for a user within the documented tolerance', async () => {
    const prefix = `${uniquePrefix('gw-rl')}:`;
    const env = { RATE_LIMIT_MAX: '30', RATE_LIMIT_SYNC_EVERY: '3' };
    const [a, b] = [await gateway(env, prefix), await gateway(env, prefix)];
    const carol = await bearer('carol');
    let admitted = 0;
    const refusedBy = { a: 0, b: 0 };
    for (let i = 0; i < 100; i++) {
      const [name, app] = i % 2 === 0 ? (['a', a] as const) : (['b', b] as const);
      const res = await app.inject({ url: '/api/billing/plans', headers: carol });
      if (res.statusCode === 200) admitted++;
      else {
        expect(res.statusCode).toBe(429);
        refusedBy[name]++;
      }
    }
    // Unshared, each would admit 30 (60 in all); shared, at most max + 2 × syncEvery × replicas.
    const seen = JSON.stringify({ admitted, refusedBy });
    expect(admitted, seen).toBeGreaterThanOrEqual(30);
    expect(admitted, seen).toBeLessThanOrEqual(30 + 2 * 3 * 2);
    expect(refusedBy.a, seen).toBeGreaterThan(0);
    expect(refusedBy.b, seen).toBeGreaterThan(0);
  });

  it('when login is hit from one IP through two gateways, then the strict limit is exact and per IP', async () => {
    const prefix = `${uniquePrefix('gw-rl')}:`;
    const env = { RATE_LIMIT_AUTH_MAX: '4' };
    const [a, b] = [await gateway(env, prefix), await gateway(env, prefix)];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(i % 2 ? b : a, '10.0.0.1')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
    const refused = await login(a, '10.0.0.1');
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.headers['ratelimit-limit']).toBe('4');
    // Another client IP has its own count.
    expect((await login(b, '10.0.0.2')).statusCode).toBe(200);
  });

  it('when Redis is cut, then reads pass (fail-open) and login answers 503 RATE_LIMIT_UNAVAILABLE (fail-closed)', async () => {
    const proxy = await TcpProxy.start({ target: redisUrl });
    try {
      const app = await buildApp(
        readConfig({
          ...upstream.env,
          REDIS_URL: proxy.rewrite(redisUrl),
          REDIS_KEY_PREFIX: `${uniquePrefix('gw-rl')}:`,
          RATE_LIMIT_SYNC_EVERY: '1',
        }),
      );
      apps.push(app);
      await app.ready();
      const dave = await bearer('dave');
      await eventually(async () => {
        expect((await login(app, '10.0.0.3')).statusCode).toBe(200);
      });

      proxy.cut();
      await eventually(async () => {
        const res = await login(app, '10.0.0.3');
        expect(res.statusCode).toBe(503);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ code: 'RATE_LIMIT_UNAVAILABLE' });
      });
      for (let i = 0; i < 3; i++) {
        const read = await app.inject({ url: '/api/catalog/movies', headers: dave });
        expect(read.statusCode).toBe(200);
      }

      proxy.restore();
      await eventually(
        async () => {
          expect((await login(app, '10.0.0.3')).statusCode).toBe(200);
        },
        { within: 15_000 },
      );
    } finally {
      await proxy.close();
    }
  });
});
