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
