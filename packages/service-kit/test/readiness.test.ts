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
        checks: { redis: expect.stringMatching(/^fail: /), config: 'ok' },
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
      expect(res.json()).toMatchObject({ checks: { broker: 'fail: timed out after 2000 ms' } });
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
