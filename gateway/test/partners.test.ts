import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PARTNER_KEYS_CHANNEL,
  PARTNER_VERIFY_PATH,
  type PartnerKeyVerification,
} from '@kavosh/auth-client';
import type { KavoshApp } from '@kavosh/service-kit';
import { eventually, getInfra, uniquePrefix } from '@kavosh/testing';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { AUDIENCE, ISSUER, signToken } from './support.js';

/** The routes the upstream declares: partner rules beside user rules, as catalog's do. */
const DECLARED: Record<string, Record<string, unknown>> = {
  '/movies': { get: { user: 'public', partner: 'catalog:read' } },
  '/movies/{id}/playback': { get: { user: 'authenticated', partner: 'playback:issue' } },
  '/orders': { post: { partner: 'playback:issue' } },
  '/users': { get: { roles: ['admin'] } },
};
const DOC = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'partner test upstream', version: '1' },
  paths: Object.fromEntries(
    Object.entries(DECLARED).map(([path, methods]) => [
      path,
      Object.fromEntries(
        Object.entries(methods).map(([method, access]) => [
          method,
          { 'x-kavosh-access': access, responses: { 200: { description: 'ok' } } },
        ]),
      ),
    ]),
  ),
});

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One upstream for every service: it declares DECLARED, serves a JWKS, and answers auth's key
 * verification from `keys` (what auth's partner keys service answers; tested in services/auth).
 */
async function startUpstream() {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'EdDSA' };
  const keys = new Map<string, PartnerKeyVerification>();
  const seen: Seen[] = [];
  let verifications = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.url === '/openapi.json') return void res.end(DOC);
      if (req.url === '/.well-known/jwks.json') return json(200, { keys: [jwk] });
      if (req.url === PARTNER_VERIFY_PATH) {
        verifications++;
        const grant = keys.get((JSON.parse(body) as { key: string }).key);
        return grant ? json(200, grant) : json(401, { code: 'PARTNER_KEY_INVALID' });
      }
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      json(200, { ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    keys,
    seen,
    verifications: () => verifications,
    key: pair.privateKey,
    env: {
      LOG_LEVEL: 'silent',
      AUTH_URL: url,
      CATALOG_URL: url,
      BILLING_URL: url,
      SOCIAL_URL: url,
      AUTH_JWKS_URL: `${url}/.well-known/jwks.json`,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let counter = 0;
/** A key and the grant auth would answer for it. */
function issue(
  upstream: Awaited<ReturnType<typeof startUpstream>>,
  grant: Partial<PartnerKeyVerification> = {},
) {
  const prefix = (Date.now().toString(16) + (counter++).toString(16)).padStart(12, '0').slice(-12);
  const key = `kvp_${prefix}_${createHash('sha256').update(prefix).digest('base64url').slice(0, 43)}`;
  upstream.keys.set(key, {
    keyId: crypto.randomUUID(),
    prefix,
    partner: 'acme',
    scopes: ['catalog:read', 'playback:issue'],
    tier: 'standard',
    validUntil: new Date(Date.now() + 3_600_000).toISOString(),
    ...grant,
  });
  return { key, prefix };
}

/** Signs as docs/partners.md says (independently of the gateway's own code). */
function signed(key: string, method: string, target: string, body = '', at = Date.now()) {
  const timestamp = String(Math.floor(at / 1000));
  const nonce = crypto.randomUUID().replaceAll('-', '');
  const [path = '', query = ''] = target.split('?');
  const canonical = [
    'KAVOSH-HMAC-SHA256',
    timestamp,
    nonce,
    method,
    path,
    query.split('&').filter(Boolean).sort().join('&'),
    createHash('sha256').update(body).digest('hex'),
  ].join('\n');
  return {
    'x-kavosh-key': key,
    'x-kavosh-timestamp': timestamp,
    'x-kavosh-nonce': nonce,
    'x-kavosh-signature': `v1=${createHmac('sha256', key).update(canonical).digest('hex')}`,
  };
}

describe('partner keys at the gateway', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let redisUrl: string;
  let publisher: Redis;
  const apps: KavoshApp[] = [];

  const gateway = async (env: Record<string, string> = {}) => {
    const app = await buildApp(
      readConfig({
        ...upstream.env,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: `${uniquePrefix('gw-partner')}:`,
        PARTNER_KEY_CACHE_TTL_MS: '60000',
        ...env,
      }),
    );
    apps.push(app);
    await app.ready();
    await eventually(async () => {
      const deps = await app.inject({ url: '/health/dependencies' });
      expect(deps.json()).toMatchObject({ dependencies: { redis: { state: 'up' } } });
    });
    return app;
  };

  beforeAll(async () => {
    upstream = await startUpstream();
    redisUrl = (await getInfra()).redisUrl;
    publisher = new Redis(redisUrl);
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await publisher?.quit();
    await upstream?.close();
  });

  it('admits a key on a route that declares its scope, beside a user token on the same route; the service gets the partner, never the key', async () => {
    const app = await gateway();
    const { key } = issue(upstream);
    const byHeader = await app.inject({
      url: '/api/catalog/movies?q=x',
      headers: { 'x-kavosh-key': key },
    });
    expect(byHeader.statusCode).toBe(200);
    const forwarded = upstream.seen.at(-1);
    expect(forwarded?.url).toBe('/movies?q=x');
    expect(forwarded?.headers['x-kavosh-key']).toBeUndefined();
    expect(forwarded?.headers.authorization).toBeUndefined();
    expect(forwarded?.headers['x-internal-partner']).toMatch(
      /^[0-9a-f-]{36};acme;catalog:read,playback:issue$/,
    );
    const byAuthorization = await app.inject({
      url: '/api/catalog/movies',
      headers: { authorization: `KavoshPartner ${key}` },
    });
    expect(byAuthorization.statusCode).toBe(200);
    expect(upstream.seen.at(-1)?.headers.authorization).toBeUndefined();
    const user = await app.inject({
      url: '/api/catalog/movies',
      headers: { authorization: `Bearer ${await signToken(upstream.key)}` },
    });
    expect(user.statusCode).toBe(200);
    expect(upstream.seen.at(-1)?.headers['x-internal-partner']).toBeUndefined();
    // A client's own x-internal-partner never passes.
    await app.inject({
      url: '/api/catalog/movies',
      headers: { 'x-internal-partner': 'x;evil;catalog:read' },
    });
    expect(upstream.seen.at(-1)?.headers['x-internal-partner']).toBeUndefined();
  });

  it('refuses an unknown, malformed or expired key with one 401, a key in the query string with 400, a key beside a token with 400', async () => {
    const app = await gateway();
    const { key: expired } = issue(upstream, {
      validUntil: new Date(Date.now() - 1000).toISOString(),
    });
    upstream.keys.delete(expired);
    for (const key of ['kvp_000000000000_nope', 'not a key', expired]) {
      const res = await app.inject({
        url: '/api/catalog/movies',
        headers: { 'x-kavosh-key': key },
      });
      expect(res.statusCode, key).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        code: 'PARTNER_KEY_INVALID',
        detail: 'The partner key is invalid, expired or revoked.',
      });
    }
    const { key } = issue(upstream);
    for (const url of [
      `/api/catalog/movies?key=${key}`,
      `/api/catalog/movies?api_key=x`,
      `/api/catalog/movies?x=kvp%5F1`,
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code).toBe('PARTNER_KEY_IN_QUERY');
    }
    const both = await app.inject({
      url: '/api/catalog/movies',
      headers: { 'x-kavosh-key': key, authorization: `Bearer ${await signToken(upstream.key)}` },
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().code).toBe('CREDENTIALS_AMBIGUOUS');
  });

  it('answers 403 PARTNER_SCOPE_FORBIDDEN for a scope the key lacks and for a route without partner access', async () => {
    const app = await gateway();
    const { key } = issue(upstream, { scopes: ['catalog:read'] });
    const playback = await app.inject({
      url: '/api/catalog/movies/1/playback',
      headers: signed(key, 'GET', '/api/catalog/movies/1/playback'),
    });
    expect(playback.statusCode).toBe(403);
    expect(playback.json().code).toBe('PARTNER_SCOPE_FORBIDDEN');
    const admin = await app.inject({ url: '/api/auth/users', headers: { 'x-kavosh-key': key } });
    expect(admin.statusCode).toBe(403);
    expect(admin.json().code).toBe('PARTNER_SCOPE_FORBIDDEN');
  });

  it('requires a valid signature on a signed scope: refuses none, a wrong one, a stale one and a replay', async () => {
    const app = await gateway();
    const { key } = issue(upstream);
    const path = '/api/catalog/movies/7/playback';
    const unsigned = await app.inject({ url: path, headers: { 'x-kavosh-key': key } });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().code).toBe('SIGNATURE_INVALID');

    const good = signed(key, 'GET', path);
    expect((await app.inject({ url: path, headers: good })).statusCode).toBe(200);
    const replay = await app.inject({ url: path, headers: good });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('SIGNATURE_REPLAYED');

    const otherPath = signed(key, 'GET', '/api/catalog/movies/8/playback');
    expect((await app.inject({ url: path, headers: otherPath })).json().code).toBe(
      'SIGNATURE_INVALID',
    );
    const stale = signed(key, 'GET', path, '', Date.now() - 301_000);
    expect((await app.inject({ url: path, headers: stale })).json().code).toBe('SIGNATURE_INVALID');
    const future = signed(key, 'GET', path, '', Date.now() + 301_000);
    expect((await app.inject({ url: path, headers: future })).json().code).toBe(
      'SIGNATURE_INVALID',
    );
    const skewed = signed(key, 'GET', path, '', Date.now() - 240_000);
    expect((await app.inject({ url: path, headers: skewed })).statusCode).toBe(200);
  });

  it('signs the body: the signed body is forwarded as is, a changed one is refused', async () => {
    const app = await gateway();
    const { key } = issue(upstream);
    const body = JSON.stringify({ movieId: '7', device: 'tv-1' });
    const headers = {
      ...signed(key, 'POST', '/api/catalog/orders?b=2&a=1', body),
      'content-type': 'application/json',
    };
    const ok = await app.inject({
      method: 'POST',
      url: '/api/catalog/orders?b=2&a=1',
      headers,
      payload: body,
    });
    expect(ok.statusCode).toBe(200);
    expect(upstream.seen.at(-1)).toMatchObject({ url: '/orders?b=2&a=1', body });
    const tampered = await app.inject({
      method: 'POST',
      url: '/api/catalog/orders?b=2&a=1',
      headers: {
        ...signed(key, 'POST', '/api/catalog/orders?b=2&a=1', body),
        'content-type': 'application/json',
      },
      payload: body.replace('tv-1', 'tv-2'),
    });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().code).toBe('SIGNATURE_INVALID');
  });

  it('drops a revoked key on two gateway instances at once, though each had it cached', async () => {
    const [first, second] = [await gateway(), await gateway()];
    const { key, prefix } = issue(upstream);
    for (const app of [first, second]) {
      expect(
        (await app.inject({ url: '/api/catalog/movies', headers: { 'x-kavosh-key': key } }))
          .statusCode,
      ).toBe(200);
    }
    // Cached: auth is not asked again (for 60 s here).
    const asked = upstream.verifications();
    for (const app of [first, second]) {
      expect(
        (await app.inject({ url: '/api/catalog/movies', headers: { 'x-kavosh-key': key } }))
          .statusCode,
      ).toBe(200);
    }
    expect(upstream.verifications()).toBe(asked);
    // What auth does on revoke: the key no longer verifies, and its prefix is announced.
    upstream.keys.delete(key);
    await publisher.publish(PARTNER_KEYS_CHANNEL, prefix);
    await eventually(async () => {
      for (const app of [first, second]) {
        const res = await app.inject({
          url: '/api/catalog/movies',
          headers: { 'x-kavosh-key': key },
        });
        expect(res.statusCode).toBe(401);
      }
    });
  });

  it('limits each key by its tier, apart from other keys and users', async () => {
    const app = await gateway({ PARTNER_RATE_LIMIT_BASIC: '3', RATE_LIMIT_SYNC_EVERY: '1' });
    const { key: basic } = issue(upstream, { tier: 'basic' });
    const { key: premium } = issue(upstream, { tier: 'premium' });
    const call = (key: string) =>
      app.inject({ url: '/api/catalog/movies', headers: { 'x-kavosh-key': key } });
    for (let i = 0; i < 3; i++) expect((await call(basic)).statusCode).toBe(200);
    const refused = await call(basic);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(refused.headers['ratelimit-limit']).toBe('3');
    for (let i = 0; i < 5; i++) expect((await call(premium)).statusCode).toBe(200);
    const metrics = await app.metrics.metrics();
    expect(metrics).toMatch(/gateway_partner_requests_total\{key="[0-9a-f]{12}"\} 4/);
    expect(metrics).toMatch(
      /gateway_partner_refusals_total\{key="[0-9a-f]{12}",reason="rate_limited"\} 1/,
    );
  });
});
