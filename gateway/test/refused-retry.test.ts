import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInfra } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { serveDeclarations } from './support.js';

// An upstream on `port` (0: any): the declarations, and 200 for the rest.
const listen = async (port = 0): Promise<Server> => {
  const server = createServer((req, res) => {
    req.resume();
    if (serveDeclarations(req, res)) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
};
const portOf = (server: Server) => (server.address() as AddressInfo).port;
const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

// A single replica restarting (docker compose restart): for a moment nothing listens.
describe('a read to an upstream that is restarting, with UPSTREAM_REFUSED_RETRY_MS', () => {
  let app: KavoshApp;
  const servers: Record<string, Server> = {};

  beforeAll(async () => {
    for (const name of ['auth', 'catalog', 'billing', 'social']) servers[name] = await listen();
    const url = (name: string) => `http://127.0.0.1:${portOf(servers[name] as Server)}`;
    app = await buildApp(
      readConfig({
        LOG_LEVEL: 'silent',
        REDIS_URL: (await getInfra()).redisUrl,
        AUTH_URL: url('auth'),
        CATALOG_URL: url('catalog'),
        BILLING_URL: url('billing'),
        SOCIAL_URL: url('social'),
        UPSTREAM_REFUSED_RETRY_MS: '60000',
      }),
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    for (const server of Object.values(servers)) server.close();
  });

  it('is sent again until the upstream listens again, and gets its answer', async () => {
    expect((await app.inject({ url: '/api/catalog/movies' })).statusCode).toBe(200);
    const catalog = servers.catalog as Server;
    const port = portOf(catalog);
    await stop(catalog);
    const pending = app.inject({ url: '/api/catalog/movies' });
    let settled = false;
    void pending.finally(() => {
      settled = true;
    });
    // Refused for a while: still waiting, not answered 503.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(settled).toBe(false);
    servers.catalog = await listen(port);
    const res = await pending;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('sends a read again when the upstream closes its connection without answering', async () => {
    // A replica going down mid-request: its first answer is a closed socket, the next one works.
    const catalog = servers.catalog as Server;
    let dropped = 0;
    catalog.removeAllListeners('request');
    catalog.on('request', (req, res) => {
      req.resume();
      if (serveDeclarations(req, res)) return;
      if (dropped === 0) {
        dropped += 1;
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    });
    const res = await app.inject({ url: '/api/catalog/movies' });
    expect([dropped, res.statusCode]).toEqual([1, 200]);
  });

  it('answers a write at once with 503 UPSTREAM_UNAVAILABLE: only reads are repeated', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    const auth = servers.auth as Server;
    const port = portOf(auth);
    await stop(auth);
    try {
      // Answered while auth is still down: had it been retried, it would wait for auth.
      const res = await app.inject({ method: 'POST', url: '/api/auth/logout' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    } finally {
      servers.auth = await listen(port);
    }
  });
});
