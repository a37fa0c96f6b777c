import { request } from 'node:http';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInfra, uniquePrefix } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { signToken, startUpstream } from './support.js';

type Upstream = Awaited<ReturnType<typeof startUpstream>>;

const ALLOWED = 'https://app.kavosh.test';
const BODY_LIMIT = 1_024;

/** Sends a chunked body of `size` bytes in pieces; resolves with the answer. */
function postChunked(base: string, path: string, size: number) {
  const { hostname, port } = new URL(base);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, method: 'POST', headers: { 'content-type': 'text/plain' } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    const piece = 'x'.repeat(256);
    for (let sent = 0; sent < size; sent += piece.length) req.write(piece);
    req.end();
  });
}

describe('gateway security defaults', () => {
  let upstream: Upstream;
  let billing: Upstream;
  let app: KavoshApp;
  let address: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    [upstream, billing] = await Promise.all([startUpstream(), startUpstream()]);
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, cb) {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        cb();
      },
    });
    app = await buildApp(
      readConfig({
        ...upstream.env,
        LOG_LEVEL: 'info',
        REDIS_URL: (await getInfra()).redisUrl,
        REDIS_KEY_PREFIX: `${uniquePrefix('gw-sec')}:`,
        CORS_ORIGINS: `${ALLOWED}, https://admin.kavosh.test`,
        BODY_LIMIT_BYTES: String(BODY_LIMIT),
        UPLOAD_BODY_LIMIT_BYTES: String(BODY_LIMIT * 8),
        // Billing goes down during the metrics test.
        BILLING_URL: billing.url,
        HEADERS_TIMEOUT_MS: '300',
        REQUEST_TIMEOUT_MS: '600',
      }),
      { logger: pino({ level: 'info' }, logStream) },
    );
    address = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.close();
    await billing?.close();
  });

  it('sets helmet headers with a deny-all content security policy on API answers', async () => {
    for (const url of ['/api/auth/logout', '/health/live']) {
      const res = await app.inject({
        method: url === '/health/live' ? 'GET' : 'POST',
        url,
        payload: url === '/health/live' ? undefined : {},
      });
      expect(res.headers['content-security-policy'], url).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
  });

  it('when a proxied answer has its own Vary, then it keeps it and adds Origin, with or without an Origin', async () => {
    const withOrigin = await app.inject({
      method: 'GET',
      url: '/api/catalog/movies',
      headers: { origin: ALLOWED },
    });
    expect(withOrigin.statusCode).toBe(200);
    expect(withOrigin.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(withOrigin.headers.vary).toBe('Origin, Accept-Encoding');

    const without = await app.inject({ method: 'GET', url: '/api/catalog/movies' });
    expect(without.headers['access-control-allow-origin']).toBeUndefined();
    expect(without.headers.vary).toBe('Origin, Accept-Encoding');

    const otherPreflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/catalog/movies',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(otherPreflight.statusCode).toBe(204);
    expect(otherPreflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('answers a preflight from an allowed origin, and gives another origin no CORS headers', async () => {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/catalog/movies',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight(ALLOWED);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers['access-control-allow-methods']).toMatch(/POST/);

    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const simple = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: ALLOWED },
      payload: {},
    });
    expect(simple.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(simple.headers['access-control-expose-headers']).toMatch(/ratelimit-remaining/);
  });

  it('when a browser sends a preflight to a protected route, then it is answered 204 without a credential: with CORS headers for an allowed origin only', async () => {
    const path = '/api/catalog/t/protected';
    // The route is protected: the same request without a preflight's headers needs a token.
    const plain = await fetch(`${address}${path}`, { headers: { origin: ALLOWED } });
    expect(plain.status).toBe(401);
    const preflight = (base: string, origin: string) =>
      fetch(`${base}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'DELETE',
          'access-control-request-headers': 'authorization',
        },
      });
    const before = upstream.seen.length;

    const allowed = await preflight(address, ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-methods')).toMatch(/DELETE/);
    expect(allowed.headers.get('access-control-allow-headers')).toBe('authorization');
    expect(allowed.headers.get('access-control-max-age')).toBe('600');
    expect(allowed.headers.get('vary')).toMatch(/Origin/);

    const refused = await preflight(address, 'https://evil.example');
    expect(refused.status).toBe(204);
    expect(
      [...refused.headers.keys()].filter((name) => name.startsWith('access-control-')),
    ).toEqual([]);

    // Without an allow-list (CORS off), a preflight is still no reason to ask for a credential.
    const noCors = await buildApp(
      readConfig({
        ...upstream.env,
        REDIS_URL: (await getInfra()).redisUrl,
        REDIS_KEY_PREFIX: `${uniquePrefix('gw-sec-nocors')}:`,
      }),
    );
    try {
      const other = await noCors.listen({ port: 0, host: '127.0.0.1' });
      const off = await preflight(other, ALLOWED);
      expect(off.status).toBe(204);
      expect([...off.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual(
        [],
      );
      expect(off.headers.get('vary')).toBeNull();
    } finally {
      await noCors.close();
    }
    expect(upstream.seen.length).toBe(before);
  });

  it('refuses a body over the limit with 413 problem+json before the upstream sees it', async () => {
    const before = upstream.seen.length;
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(BODY_LIMIT) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect(upstream.seen.length).toBe(before);
  });

  it('lets a poster upload past the general limit, up to the upload limit', async () => {
    const upload = async (size: number) =>
      app.inject({
        method: 'POST',
        url: '/api/catalog/movies/0d9e2c52-5f0e-4a43-9f1c-8e1b8f3e8a11/poster',
        headers: {
          authorization: `Bearer ${await signToken(upstream.key, { roles: ['editor'] })}`,
          'content-type': 'application/octet-stream',
        },
        payload: Buffer.alloc(size, 1),
      });
    const before = upstream.seen.length;
    const fits = await upload(BODY_LIMIT * 4);
    expect(fits.statusCode).toBe(200);
    expect(upstream.seen.length).toBe(before + 1);
    const tooBig = await upload(BODY_LIMIT * 8 + 1);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect(upstream.seen.length).toBe(before + 1);
  });

  it('cuts off a chunked body at the limit with 413, and passes one under it', async () => {
    const big = await postChunked(address, '/api/auth/logout', BODY_LIMIT * 4);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ code: 'BODY_TOO_LARGE' });
    const small = await postChunked(address, '/api/auth/logout', BODY_LIMIT / 2);
    expect(small.status).toBe(200);
  });

  it('closes a connection whose headers arrive too slowly (slowloris)', async () => {
    const { hostname, port } = new URL(address);
    const socket = connect({ host: hostname, port: Number(port) });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.write('GET /health/live HTTP/1.1\r\nHost: gateway\r\n');
    // One header line every 100 ms, never the blank line: only the headers timeout ends it.
    const drip = setInterval(() => socket.write('x-drip: 1\r\n'), 100);
    try {
      await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    } finally {
      clearInterval(drip);
    }
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('logs one access line per request with user and request id, never the token or ticket', async () => {
    const token = await signToken(upstream.key, { sub: 'user-7' });
    const res = await app.inject({
      // Plain HTTP: /api/social/ws itself is the WebSocket route (test/websocket.test.ts).
      url: '/api/social/feed?ticket=sekret-ticket&x=1',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-g1-1' },
    });
    expect(res.statusCode).toBe(200);
    const line = lines.find((l) => l.request_id === 'req-g1-1' && l.msg === 'request completed');
    expect(line).toMatchObject({
      method: 'GET',
      route: '/api/social/*',
      status_code: 200,
      user_id: 'user-7',
    });
    expect(typeof line?.duration_ms).toBe('number');
    const all = JSON.stringify(lines);
    expect(all).not.toContain(token);
    expect(all).not.toContain('sekret-ticket');
  });

  it('forwards a valid traceparent and starts one when there is none', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { traceparent } });
    expect(upstream.seen.at(-1)?.headers.traceparent).toBe(traceparent);

    await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { traceparent: 'garbage', 'x-request-id': 'req-g1-2' },
    });
    const started = upstream.seen.at(-1)?.headers.traceparent;
    expect(started).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const line = lines.find((l) => l.request_id === 'req-g1-2' && l.msg === 'request completed');
    expect(started).toContain(String(line?.trace_id));
  });

  it('counts upstream answers, failures and latency per upstream in its metrics', async () => {
    const plans = async () =>
      app.inject({
        url: '/api/billing/plans',
        headers: { authorization: `Bearer ${await signToken(upstream.key)}` },
      });
    // Billing's declarations are loaded while it runs; then it goes away.
    expect((await plans()).statusCode).toBe(200);
    await billing.close();
    const down = await plans();
    expect(down.statusCode).toBe(503);
    const metrics = await app.metrics.metrics();
    expect(metrics).toMatch(
      /gateway_upstream_requests_total\{upstream="auth",status_class="2xx"\} [1-9]/,
    );
    expect(metrics).toMatch(/gateway_upstream_duration_seconds_count\{upstream="auth"\} [1-9]/);
    expect(metrics).toMatch(
      /gateway_upstream_requests_total\{upstream="billing",status_class="error"\} 1\b/,
    );
    expect(metrics).toMatch(/gateway_upstream_duration_seconds_count\{upstream="billing"\} 2\b/);
    expect(metrics).toMatch(/gateway_rate_limit_rejections_total\{policy="auth"\} 0/);
  });
});
