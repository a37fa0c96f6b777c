import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getInfra, TcpProxy } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { serveDeclarations } from './support.js';

// Upstreams here are plain HTTP servers answering /health/live: the gateway's own readiness is
// what is under test, and it must name whichever dependency is missing.
const startUpstream = async (): Promise<{ url: string; server: Server }> => {
  const server = createServer((req, res) => {
    if (serveDeclarations(req, res)) return;
    res.writeHead(req.url === '/health/live' ? 200 : 404, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
};

describe('gateway /health/ready', () => {
  let app: KavoshApp;
  let redisProxy: TcpProxy;
  const upstreams: Server[] = [];

  beforeAll(async () => {
    redisProxy = await TcpProxy.start({ target: (await getInfra()).redisUrl });
    const [auth, catalog, billing] = await Promise.all([
      startUpstream(),
      startUpstream(),
      startUpstream(),
    ]);
    upstreams.push(auth.server, catalog.server, billing.server);
    app = await buildApp(
      readConfig({
        LOG_LEVEL: 'silent',
        REDIS_URL: redisProxy.rewrite((await getInfra()).redisUrl),
        AUTH_URL: auth.url,
        CATALOG_URL: catalog.url,
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
    for (const server of upstreams) server.close();
  });

  it('answers 503 naming the upstream that is down', async () => {
    await eventually(async () => {
      const res = await app.inject({ url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks).toMatchObject({ redis: 'ok', auth: 'ok', catalog: 'ok' });
      expect(res.json().checks.social).toMatch(/^fail/);
    });
  });

  it('names redis when the connection to it is cut, and recovers when it returns', async () => {
    redisProxy.cut();
    await eventually(async () => {
      const res = await app.inject({ url: '/health/ready' });
      expect(res.json().checks.redis).toMatch(/^fail/);
    });
    redisProxy.restore();
    await eventually(
      async () => {
        const res = await app.inject({ url: '/health/ready' });
        expect(res.json().checks.redis).toBe('ok');
      },
      { within: 15_000 },
    );
  });
});
