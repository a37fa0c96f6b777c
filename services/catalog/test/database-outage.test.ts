import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getInfra, TcpProxy } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { startCatalog } from './helper.js';

describe('catalog when its database goes away', () => {
  let proxy: TcpProxy;
  let svc: Awaited<ReturnType<typeof startCatalog>>;
  let app: KavoshApp;

  beforeAll(async () => {
    proxy = await TcpProxy.start({ target: (await getInfra()).mysqlAdminUrl });
    svc = await startCatalog({ rewriteDatabaseUrl: (url) => proxy.rewrite(url) });
    app = svc.app;
  });
  afterAll(async () => {
    await svc?.close();
    await proxy?.close();
  });

  it('reports ready while the database answers', async () => {
    const res = await app.inject({ url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', checks: { database: 'ok' } });
  });

  it('turns readiness to 503 naming the database, stays up, and recovers by itself', async () => {
    proxy.cut();
    const down = await app.inject({ url: '/health/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.json()).toMatchObject({ code: 'NOT_READY' });
    expect(JSON.stringify(down.json().checks)).toMatch(/database/);

    const live = await app.inject({ url: '/health/live' });
    expect(live.statusCode).toBe(200);

    proxy.restore();
    await eventually(
      async () => {
        const res = await app.inject({ url: '/health/ready' });
        expect(res.statusCode).toBe(200);
      },
      { within: 15_000, message: 'catalog readiness did not recover after the database returned' },
    );
  });
});
