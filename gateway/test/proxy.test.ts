import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInfra } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { serveDeclarations } from './support.js';

const ISSUER = 'https://kavosh.test';
const AUDIENCE = 'kavosh-test';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

// An upstream that answers what it received (and serves the JWKS): the gateway is under test.
async function startEchoUpstream(jwk: JWK) {
  const seen: Seen[] = [];
  let delayMs = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (serveDeclarations(req, res)) return;
      if (req.url === '/.well-known/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
        return;
      }
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    last: () => seen.at(-1),
    delay: (ms: number) => (delayMs = ms),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** GET with the path sent byte for byte (fetch and inject would resolve dot segments first). */
function rawGet(
  base: string,
  path: string,
  authorization: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers: { authorization } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('gateway edge: policies, header hygiene and proxying', () => {
  let app: KavoshApp;
  let upstream: Awaited<ReturnType<typeof startEchoUpstream>>;
  let key: CryptoKey;

  const token = (roles: string[]) =>
    new SignJWT({ roles, jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('0d9e2c52-5f0e-4a43-9f1c-8e1b8f3e8a11')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    key = pair.privateKey;
    upstream = await startEchoUpstream({
      ...(await exportJWK(pair.publicKey)),
      kid: 'k1',
      alg: 'EdDSA',
    });
    app = await buildApp(
      readConfig({
        LOG_LEVEL: 'silent',
        REDIS_URL: (await getInfra()).redisUrl,
        AUTH_URL: upstream.url,
        CATALOG_URL: upstream.url,
        BILLING_URL: upstream.url,
        // Nothing listens on the discard port: social is down.
        SOCIAL_URL: 'http://127.0.0.1:9',
        AUTH_JWKS_URL: `${upstream.url}/.well-known/jwks.json`,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        UPSTREAM_TIMEOUT_MS: '300',
        // billing's own timeout, longer than the default the others use.
        BILLING_TIMEOUT_MS: '5000',
      }),
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });

  it('proxies a public route without a token, prefix removed, body and query kept', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login?next=%2Fhome',
      payload: { email: 'a@example.com', password: 'x' },
    });
    expect(res.statusCode).toBe(200);
    expect(upstream.last()).toMatchObject({ method: 'POST', url: '/login?next=%2Fhome' });
    expect(JSON.parse(upstream.last()?.body ?? '{}')).toEqual({
      email: 'a@example.com',
      password: 'x',
    });
  });

  it('without a CORS allow-list, sets the security headers on every answer and answers a preflight 204 without CORS headers', async () => {
    for (const [method, url] of [
      ['POST', '/api/auth/logout'],
      ['GET', '/api/catalog/not-in-the-table'],
      ['GET', '/no-such-route'],
    ] as const) {
      const res = await app.inject({ method, url, headers: { origin: 'https://app.example' } });
      expect(res.headers['content-security-policy'], url).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined();
      expect(res.headers.vary, url).toBeUndefined();
    }
    const before = upstream.seen.length;
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/catalog/movies',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    expect(preflight.headers['x-content-type-options']).toBe('nosniff');
    expect(upstream.seen.length).toBe(before);
  });

  it('answers 401 problem+json on a route not in the table without a token, and never calls upstream', async () => {
    const before = upstream.seen.length;
    const res = await app.inject({ method: 'GET', url: '/api/catalog/not-in-the-table' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(upstream.seen.length).toBe(before);
  });

  it('forwards an authenticated request with its token, for every method', async () => {
    const bearer = `Bearer ${await token(['user'])}`;
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await app.inject({
        method,
        url: '/api/billing/things/1?x=1',
        headers: { authorization: bearer },
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: { n: 1 } }),
      });
      expect(res.statusCode, method).toBe(200);
      expect(upstream.last()).toMatchObject({ method, url: '/things/1?x=1' });
      expect(upstream.last()?.headers.authorization).toBe(bearer);
    }
  });

  it('answers 403 to a user on an admin route and lets an admin through', async () => {
    const user = await app.inject({
      url: '/api/auth/users',
      headers: { authorization: `Bearer ${await token(['user'])}` },
    });
    expect(user.statusCode).toBe(403);
    expect(user.json()).toMatchObject({ code: 'FORBIDDEN' });
    const admin = await app.inject({
      url: '/api/auth/users',
      headers: { authorization: `Bearer ${await token(['admin'])}` },
    });
    expect(admin.statusCode).toBe(200);
  });

  it('answers 401 TOKEN_INVALID for a forged token', async () => {
    const res = await app.inject({
      url: '/api/catalog/not-in-the-table',
      headers: { authorization: `Bearer ${(await token(['admin'])).slice(0, -4)}AAAA` },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('strips client-sent identity, internal and forwarding headers before the upstream sees them', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: {
        'x-user-id': 'admin',
        'x-user-roles': 'admin',
        'x-internal-secret': 'yes',
        'x-forwarded-for': '6.6.6.6',
        forwarded: 'for=6.6.6.6',
        'x-request-id': 'edge-1',
      },
      payload: {},
    });
    const headers = upstream.last()?.headers ?? {};
    expect(Object.keys(headers).filter((h) => /^x-(user|internal)-|^forwarded$/.test(h))).toEqual(
      [],
    );
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-request-id']).toBe('edge-1');
  });

  it('refuses encoded traversal before any upstream sees it', async () => {
    // Over a real socket: an in-process inject would normalise the path before the gateway saw it.
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const bearer = `Bearer ${await token(['admin'])}`;
    const before = upstream.seen.length;
    for (const path of [
      '/api/catalog/..%2fauth/users',
      '/api/catalog/%2e%2e/auth/users',
      '/api/catalog/a/../b',
      '/api/catalog/a%5c..%5cb',
    ]) {
      const { status, body } = await rawGet(address, path, bearer);
      expect(status, path).toBe(400);
      expect(JSON.parse(body), path).toMatchObject({ code: 'PATH_NOT_ALLOWED' });
    }
    expect(upstream.seen.length).toBe(before);
  });

  it('serves auth JWKS publicly at /.well-known/jwks.json', async () => {
    const res = await app.inject({ url: '/.well-known/jwks.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().keys[0]).toMatchObject({ kid: 'k1' });
  });

  it('answers 503 UPSTREAM_UNAVAILABLE for a service that is down while serving the others, 504 when one is too slow for its timeout', async () => {
    const down = await app.inject({
      url: '/api/social/feed',
      headers: { authorization: `Bearer ${await token(['user'])}` },
    });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(down.body).not.toMatch(/ECONNREFUSED|at .*\.js/);

    upstream.delay(1_000);
    try {
      const slow = await app.inject({
        url: '/api/catalog/slow',
        headers: { authorization: `Bearer ${await token(['user'])}` },
      });
      expect(slow.statusCode).toBe(504);
      expect(slow.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
      // The same slow answer is in time for billing, which has its own BILLING_TIMEOUT_MS.
      const patient = await app.inject({
        url: '/api/billing/slow',
        headers: { authorization: `Bearer ${await token(['user'])}` },
      });
      expect(patient.statusCode).toBe(200);
    } finally {
      upstream.delay(0);
    }
  });
});
