import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '../src/index.js';
import { buildTestApp } from './helper.js';
import { TcpProxy } from './tcp-proxy.js';

const REDIS = { host: '127.0.0.1', port: 6379 };

/** PINGs Redis over a fresh connection; rejects unless it answers +PONG within a second. */
function pingRedis(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    const fail = (reason: string) => {
      socket.destroy();
      reject(new Error(reason));
    };
    socket.setTimeout(1_000, () => fail('redis did not answer'));
    socket.on('error', (err) => fail(`redis unreachable: ${err.message}`));
    socket.on('close', () => fail('redis closed the connection'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n')) {
        socket.removeAllListeners('close');
        socket.end();
        if (answer.startsWith('+PONG')) resolve();
        else fail(`unexpected answer ${answer.trim()}`);
      }
    });
    socket.write('PING\r\n');
  });
}

describe('GET /health/ready', () => {
  let app: KavoshApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    await pingRedis(REDIS.port).catch((err: unknown) => {
      throw new Error(`Redis must run at 127.0.0.1:6379 for this test (${String(err)})`);
    });
    proxy = await TcpProxy.start(REDIS);
    app = await buildTestApp({ readiness: { redis: () => pingRedis(proxy.port) } });
    app.readiness.add('config', async () => {});
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await proxy.close();
  });

  it('answers 200 with each check while the dependencies answer', async () => {
    const res = await app.inject({ url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { redis: 'ok', config: 'ok' } });
  });

  it('answers 503 NOT_READY naming Redis while it is cut off, and 200 again once restored', async () => {
    proxy.cut();
    try {
      const down = await app.inject({ url: '/health/ready' });
      expect(down.statusCode).toBe(503);
      expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(down.json()).toMatchObject({
        code: 'NOT_READY',
        detail: 'Failing readiness checks: redis',
        checks: { redis: 'fail', config: 'ok' },
        requestId: down.headers['x-request-id'],
      });
    } finally {
      proxy.restore();
    }
    const up = await app.inject({ url: '/health/ready' });
    expect(up.statusCode).toBe(200);
  });

  it('keeps answering liveness without checking dependencies', async () => {
    proxy.cut();
    try {
      const res = await app.inject({ url: '/health/live' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    } finally {
      proxy.restore();
    }
  });

  it('fails a check that does not settle within its timeout', async () => {
    const other = await buildTestApp({ readiness: { broker: () => new Promise<void>(() => {}) } });
    try {
      const res = await other.inject({ url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ checks: { broker: 'fail' } });
    } finally {
      await other.close();
    }
  });

  it('answers 503 SHUTTING_DOWN once shutdown has begun', async () => {
    const other = await buildTestApp();
    try {
      expect(other.shuttingDown).toBe(false);
      other.beginShutdown();
      expect(other.shuttingDown).toBe(true);
      const res = await other.inject({ url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'SHUTTING_DOWN' });
    } finally {
      await other.close();
    }
  });
});

describe('GET /health/dependencies and kavosh_dependency_up', () => {
  let app: KavoshApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    proxy = await TcpProxy.start(REDIS);
    app = await buildTestApp({
      readiness: { database: async () => {} },
      dependencies: { broker: async () => {} },
    });
    app.dependencies.add('redis', () => pingRedis(proxy.port));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await proxy.close();
  });

  it('stays ready while a dependency is down, and reports it with its latency', async () => {
    proxy.cut();
    try {
      const ready = await app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });

      const deps = await app.inject({ url: '/health/dependencies' });
      expect(deps.statusCode).toBe(200);
      expect(deps.headers['content-type']).toMatch(/^application\/json/);
      expect(deps.json()).toEqual({
        status: 'degraded',
        down: ['redis'],
        dependencies: {
          database: { state: 'up', readiness: true, latencyMs: expect.any(Number) },
          broker: { state: 'up', readiness: false, latencyMs: expect.any(Number) },
          // Why it failed goes to the log, never to a body a client could read.
          redis: { state: 'down', readiness: false, latencyMs: expect.any(Number) },
        },
      });
    } finally {
      proxy.restore();
    }
    const deps = await app.inject({ url: '/health/dependencies' });
    expect(deps.json()).toMatchObject({ status: 'ok', down: [] });
  });

  it('exports one up/down gauge per named check, refreshed at each scrape', async () => {
    proxy.cut();
    let down: string;
    try {
      down = (await app.inject({ url: '/metrics' })).body;
    } finally {
      proxy.restore();
    }
    expect(down).toContain('kavosh_dependency_up{dependency="redis"} 0');
    expect(down).toContain('kavosh_dependency_up{dependency="broker"} 1');
    expect(down).toContain('kavosh_dependency_up{dependency="database"} 1');
    expect(down).toMatch(/kavosh_dependency_check_seconds\{dependency="redis"\} \d/);
    const up = (await app.inject({ url: '/metrics' })).body;
    expect(up).toContain('kavosh_dependency_up{dependency="redis"} 1');
  });

  it('moves a check between readiness and dependencies when it is added again', async () => {
    app.readiness.add('broker', () => Promise.reject(new Error('broker gone')));
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    app.dependencies.add('broker', () => Promise.reject(new Error('broker gone')));
    const again = await app.inject({ url: '/health/ready' });
    expect(again.statusCode).toBe(200);
    const deps = await app.inject({ url: '/health/dependencies' });
    expect(deps.json()).toMatchObject({
      down: ['broker'],
      dependencies: { broker: { state: 'down' } },
    });
    expect(deps.body).not.toContain('broker gone');
  });

  it('keeps /health/* out of the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json() as { paths?: object };
    expect(Object.keys(doc.paths ?? {}).filter((p) => p.startsWith('/health'))).toEqual([]);
  });
});
