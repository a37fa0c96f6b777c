import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getInfra, TcpProxy } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { serveDeclarations } from './support.js';

// Upstreams here are plain HTTP servers: the declarations, /health/live, and 200 for the rest.
const startUpstream = async (): Promise<{ url: string; server: Server }> => {
  const server = createServer((req, res) => {
    req.resume();
    if (serveDeclarations(req, res)) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
};

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

// Readiness is "this gateway can serve": neither Redis (the standard rate limit fails open) nor an
// upstream (its own routes answer 503) takes every gateway replica out of rotation.
describe('gateway readiness with a dependency down', () => {
  let app: KavoshApp;
  let redisProxy: TcpProxy;
  let catalog: Server;
  const upstreams: Server[] = [];

  const dependencies = async () => {
    const res = await app.inject({ url: '/health/dependencies' });
    expect(res.statusCode).toBe(200);
    return res.json() as { down: string[]; dependencies: Record<string, { state: string }> };
  };

  beforeAll(async () => {
    redisProxy = await TcpProxy.start({ target: (await getInfra()).redisUrl });
    const [auth, catalogUp, billing] = await Promise.all([
      startUpstream(),
      startUpstream(),
      startUpstream(),
    ]);
    catalog = catalogUp.server;
    upstreams.push(auth.server, billing.server);
    app = await buildApp(
      readConfig({
        LOG_LEVEL: 'silent',
        REDIS_URL: redisProxy.rewrite((await getInfra()).redisUrl),
        AUTH_URL: auth.url,
        CATALOG_URL: catalogUp.url,
        BILLING_URL: billing.url,
        // Nothing listens on port 9 (discard) on loopback: social is down from the start.
        SOCIAL_URL: 'http://127.0.0.1:9',
        UPSTREAM_HEALTH_TIMEOUT_MS: '500',
      }),
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await redisProxy?.close();
    for (const server of [...upstreams, catalog]) server?.close();
  });

  it('stays ready while an upstream is down from the start, serves the others and 503s its routes', async () => {
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: {} });

    expect((await app.inject({ url: '/api/billing/movies' })).statusCode).toBe(200);
    const social = await app.inject({ url: '/api/social/movies' });
    expect(social.statusCode).toBe(503);
    expect(social.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(social.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });

    const report = await dependencies();
    expect(report.down).toEqual(['social']);
    expect(report.dependencies).toMatchObject({
      redis: { state: 'up' },
      auth: { state: 'up' },
      catalog: { state: 'up' },
      billing: { state: 'up' },
      social: { state: 'down' },
    });
    const metrics = await app.metrics.metrics();
    expect(metrics).toContain('kavosh_dependency_up{dependency="social"} 0');
    expect(metrics).toContain('kavosh_dependency_up{dependency="catalog"} 1');
  });

  it('answers 503 UPSTREAM_UNAVAILABLE for a loaded upstream that stopped, and stays ready', async () => {
    // Its declarations are loaded while it runs; then it goes away (connections refused).
    expect((await app.inject({ url: '/api/catalog/movies' })).statusCode).toBe(200);
    await stop(catalog);
    await eventually(async () => {
      const res = await app.inject({ url: '/api/catalog/movies' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
    });
    expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/billing/movies' })).statusCode).toBe(200);
    expect((await dependencies()).down).toEqual(['catalog', 'social']);
  });

  it('stays ready while Redis is cut: standard routes are served, the login class answers 503', async () => {
    redisProxy.cut();
    try {
      await eventually(async () => {
        expect((await dependencies()).down).toContain('redis');
      });
      expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/billing/movies' })).statusCode).toBe(200);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(login.statusCode).toBe(503);
      expect(login.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(login.json()).toMatchObject({ code: 'RATE_LIMIT_UNAVAILABLE' });
    } finally {
      redisProxy.restore();
    }
    await eventually(
      async () => {
        expect((await dependencies()).dependencies.redis?.state).toBe('up');
      },
      { within: 15_000 },
    );
  });
});
