import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getInfra, TcpProxy } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { startCatalog } from './helper.js';

// Outages are made by cutting a TCP proxy between the service and the real server.
describe('catalog when a dependency goes away', () => {
  let databaseProxy: TcpProxy;
  let brokerProxy: TcpProxy;
  let svc: Awaited<ReturnType<typeof startCatalog>>;
  let app: KavoshApp;

  const ready = () => app.inject({ url: '/health/ready' });
  const dependencies = async () =>
    (await app.inject({ url: '/health/dependencies' })).json<{
      down: string[];
      dependencies: Record<string, { state: string }>;
    }>();

  beforeAll(async () => {
    const infra = await getInfra();
    databaseProxy = await TcpProxy.start({ target: infra.mysqlAdminUrl });
    brokerProxy = await TcpProxy.start({ target: infra.amqpUrl });
    svc = await startCatalog({
      rewriteDatabaseUrl: (url) => databaseProxy.rewrite(url),
      rewriteAmqpUrl: (url) => brokerProxy.rewrite(url),
    });
    app = svc.app;
  });
  afterAll(async () => {
    await svc?.close();
    await databaseProxy?.close();
    await brokerProxy?.close();
  });

  it('reports ready while the database answers, and the broker among its dependencies', async () => {
    const res = await ready();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
    expect((await dependencies()).dependencies).toMatchObject({
      database: { state: 'up' },
      broker: { state: 'up' },
    });
  });

  it('turns readiness to 503 naming the database, stays up, and recovers by itself', async () => {
    databaseProxy.cut();
    const down = await ready();
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.json()).toMatchObject({ code: 'NOT_READY' });
    expect(down.json().checks.database).toMatch(/^fail/);
    expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);

    databaseProxy.restore();
    await eventually(async () => expect((await ready()).statusCode).toBe(200), {
      within: 15_000,
      message: 'catalog readiness did not recover after the database returned',
    });
  });

  it('stays ready while the broker is away, reports it as a dependency, and reconnects by itself', async () => {
    brokerProxy.cut();
    await eventually(async () => expect((await dependencies()).down).toEqual(['broker']));
    expect((await ready()).statusCode).toBe(200);
    brokerProxy.restore();
    await eventually(async () => expect((await dependencies()).down).toEqual([]), {
      within: 20_000,
      message: 'catalog did not reconnect to the broker',
    });
  });
});
