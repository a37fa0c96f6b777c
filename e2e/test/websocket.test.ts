import { createHmac, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import {
  freePort,
  connectWebSocket,
  createTestDatabase,
  eventually,
  getInfra,
  type TestDatabase,
  uniquePrefix,
} from '@kavosh/testing';
import { startProcess, stopProcess, type RunningProcess } from './processes.js';
import { ownEnv } from './service-env.js';

/**
 * Live notifications through every process a browser would use: auth for the token, the gateway
 * as the only entry, social behind it, Redis between social's replicas. The gateway's own edge
 * cases (no upstream connection for a bad ticket, backpressure) are in gateway/test/websocket.test.ts.
 */

const closeOf = (ws: WebSocket) =>
  new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

describe('live notifications through the gateway', () => {
  const databases: TestDatabase[] = [];
  const processes: RunningProcess[] = [];
  let gateway: RunningProcess;
  let redis: Redis;
  let token: string;
  let userId: string;
  let wsBase: string;

  const ticket = async () => {
    const res = await fetch(`${gateway.url}/api/social/ws-ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { ticket: string }).ticket;
  };

  const openReady = async () => {
    const ws = await connectWebSocket(`${wsBase}/api/social/ws?ticket=${await ticket()}`);
    expect(await ws.next()).toEqual({ v: 1, type: 'ready' });
    return ws;
  };

  beforeAll(async () => {
    const infra = await getInfra();
    redis = new Redis(infra.redisUrl);
    const urls: Record<string, string> = {};
    const own = ownEnv();
    const { WS_TICKET_SECRET } = own.social;
    for (const name of ['auth', 'social'] as const) {
      const db = await createTestDatabase({ label: `e2e-ws-${name}` });
      databases.push(db);
      const port = String(await freePort());
      urls[name] = `http://127.0.0.1:${port}`;
      processes.push(
        startProcess(name, `services/${name}/src/main.ts`, {
          PORT: port,
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          DATABASE_URL: db.url,
          AMQP_URL: infra.amqpUrl,
          REDIS_URL: infra.redisUrl,
          AUTH_JWKS_URL: `${urls.auth}/.well-known/jwks.json`,
          ...own[name],
        }),
      );
    }
    const port = String(await freePort());
    wsBase = `ws://127.0.0.1:${port}`;
    gateway = startProcess('gateway', 'gateway/src/main.ts', {
      PORT: port,
      METRICS_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REDIS_URL: infra.redisUrl,
      // Its own rate-limit counters: e2e files run at once, all from 127.0.0.1.
      REDIS_KEY_PREFIX: `${uniquePrefix('e2e-ws')}:`,
      AUTH_URL: urls.auth ?? '',
      SOCIAL_URL: urls.social ?? '',
      AUTH_JWKS_URL: `${urls.auth}/.well-known/jwks.json`,
      WS_TICKET_SECRET,
    });
    processes.push(gateway);
    // Catalog and billing are not started: the gateway is live, and auth and social ready.
    await eventually(
      async () => {
        for (const url of [urls.auth, urls.social]) {
          expect((await fetch(`${url}/health/ready`)).status).toBe(200);
        }
        expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
        // The gateway routes to a service once it has read its OpenAPI document (retried every
        // second while the service starts): until then it answers 503.
        const register = await fetch(`${gateway.url}/api/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        expect(register.status).toBe(400);
        const ticket = await fetch(`${gateway.url}/api/social/ws-ticket`, { method: 'POST' });
        expect(ticket.status).toBe(401);
      },
      { within: 90_000, interval: 500 },
    ).catch((err: unknown) => {
      const logs = processes.map((proc) => `--- ${proc.name}\n${proc.output().slice(-2_000)}`);
      throw new Error(`the processes did not become ready:\n${logs.join('\n')}`, { cause: err });
    });

    const email = `e2e-ws-${Date.now()}@example.com`;
    const password = 'a long and unusual passphrase';
    const post = (path: string, body: unknown) =>
      fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/api/auth/register', { email, password, displayName: 'WS' })).status).toBe(
      201,
    );
    const login = await post('/api/auth/login', { email, password });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    const me = await fetch(`${gateway.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    userId = ((await me.json()) as { id: string }).id;
  }, 150_000);

  afterAll(async () => {
    redis?.disconnect();
    await Promise.all(processes.map((proc) => stopProcess(proc)));
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('when the caller has no token, then the gateway refuses a ticket with 401', async () => {
    const res = await fetch(`${gateway.url}/api/social/ws-ticket`, { method: 'POST' });
    expect(res.status).toBe(401);
  });

  it('when a ticket opens the socket, then ping is answered and a push from Redis arrives', async () => {
    const ws = await openReady();
    ws.send(JSON.stringify({ v: 1, type: 'ping' }));
    expect(await ws.next()).toEqual({ v: 1, type: 'pong' });
    // What any social replica's pushToUser publishes: the frame, encoded once (docs/social.md).
    await redis.publish(`social:ws:user:${userId}`, JSON.stringify({ v: 1, type: 'notice', n: 1 }));
    expect(await ws.next()).toEqual({ v: 1, type: 'notice', n: 1 });
    const closed = closeOf(ws);
    ws.close(1000);
    expect(await closed).toBe(1000);
  });

  it('when a ticket is used twice, or forged, then the upgrade is refused 401', async () => {
    const once = await ticket();
    const ws = await connectWebSocket(`${wsBase}/api/social/ws?ticket=${once}`);
    await expect(connectWebSocket(`${wsBase}/api/social/ws?ticket=${once}`)).rejects.toMatchObject({
      status: 401,
      body: expect.stringContaining('WS_TICKET_INVALID'),
    });
    const body = `${randomBytes(16).toString('base64url')}.${Math.floor(Date.now() / 1000) + 30}`;
    const forged = `${body}.${createHmac('sha256', 'not-the-secret').update(body).digest('base64url')}`;
    await expect(
      connectWebSocket(`${wsBase}/api/social/ws?ticket=${forged}`),
    ).rejects.toMatchObject({
      status: 401,
    });
    ws.close();
  });

  it("when the client breaks social's rules, then social's close code reaches it through the gateway", async () => {
    const unknown = await openReady();
    const policy = closeOf(unknown);
    unknown.send(JSON.stringify({ v: 1, type: 'no-such-frame' }));
    expect(await policy).toBe(1008);
    // Past social's 4 KiB but within the gateway's 64 KiB: social closes, 1009.
    const big = await openReady();
    const tooBig = closeOf(big);
    big.send(JSON.stringify({ v: 1, type: 'ping', pad: 'x'.repeat(8_000) }));
    expect(await tooBig).toBe(1009);
  });

  it('when social stops, then its clients are told 1001 (going away) through the gateway', async () => {
    const ws = await openReady();
    const closed = closeOf(ws);
    const social = processes.find((proc) => proc.name === 'social');
    if (!social) throw new Error('no social process');
    expect(await stopProcess(social)).toBe(0);
    expect(await closed).toBe(1001);
  }, 60_000);
});
