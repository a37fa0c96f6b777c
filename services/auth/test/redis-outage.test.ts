import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import { eventually, getInfra, TcpProxy, type TestService } from '@kavosh/testing';
import { PASSWORD, registerAndLogin } from './fixtures.js';
import { startAuth } from './helper.js';

describe('POST /login while Redis does not answer', () => {
  let proxy: TcpProxy;
  let svc: TestService<KavoshApp>;

  beforeAll(async () => {
    const infra = await getInfra();
    proxy = await TcpProxy.start({ target: infra.redisUrl });
    svc = await startAuth({ env: { REDIS_URL: proxy.rewrite(infra.redisUrl) } });
  });
  afterAll(async () => {
    proxy.restore();
    await svc.close();
    await proxy.close();
  });

  it('answers 503 REDIS_UNAVAILABLE problem+json, then logs in again once Redis is back', async () => {
    const { email } = await registerAndLogin(svc.app);
    const login = () =>
      svc.app.inject({ method: 'POST', url: '/login', payload: { email, password: PASSWORD } });
    proxy.cut();
    try {
      const res = await login();
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 503, code: 'REDIS_UNAVAILABLE' });
    } finally {
      proxy.restore();
    }
    await eventually(
      async () => {
        expect((await login()).statusCode).toBe(200);
      },
      { within: 10_000 },
    );
  });
});

describe('auth started while Redis does not answer', () => {
  it('starts and serves what needs no Redis, answers logins 503, and logs in once Redis is back', async () => {
    const infra = await getInfra();
    const proxy = await TcpProxy.start({ target: infra.redisUrl });
    proxy.cut();
    const svc = await startAuth({ env: { REDIS_URL: proxy.rewrite(infra.redisUrl) } });
    try {
      expect((await svc.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
      expect((await svc.app.inject({ url: '/.well-known/jwks.json' })).statusCode).toBe(200);
      const login = () =>
        svc.app.inject({
          method: 'POST',
          url: '/login',
          payload: { email: 'nobody@example.com', password: PASSWORD },
        });
      expect((await login()).statusCode).toBe(503);
      proxy.restore();
      // Back: an unknown account is refused as such, no longer for want of Redis.
      await eventually(async () => expect((await login()).statusCode).toBe(401), {
        within: 15_000,
      });
    } finally {
      proxy.restore();
      await svc.close();
      await proxy.close();
    }
  });
});
