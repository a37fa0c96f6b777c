// npm run bench -- partners: issue #21's partner benchmark. The gateway's full path on one route,
// in the same run, with (U) a user's EdDSA access token, (K) a partner key (verified by auth once,
// then cached) and (S) a partner key with a per-request HMAC signature (canonical form, body
// digest, clock window, Redis SET NX of the nonce). The upstream (declarations, JWKS, auth's key
// verification, the ~1 KB JSON page) runs in this process; the gateway is a child.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Pool } from 'undici';
import { PARTNER_VERIFY_PATH } from '@kavosh/auth-client';
import { startGateway } from './lib/gateway-process.js';
import { PAYLOAD } from './lib/payload.js';
import type { Benchmark, BenchResult } from './lib/types.js';

const CONNECTIONS = 32;
const ISSUER = 'https://bench.kavosh.test';
const AUDIENCE = 'kavosh-bench';
const PREFIX = '0123456789ab';
const KEY = `kvp_${PREFIX}_${randomBytes(32).toString('base64url')}`;
// The user part lets the token through; the partner part takes the key: one route for all three.
const SIGNED_PATH = '/api/catalog/movies';
const UNSIGNED_PATH = '/api/catalog/list';

async function startUpstream(jwks: string) {
  const page = JSON.stringify(PAYLOAD);
  const grant = JSON.stringify({
    keyId: '00000000-0000-4000-8000-000000000001',
    prefix: PREFIX,
    partner: 'bench',
    scopes: ['catalog:read', 'playback:issue'],
    tier: 'premium',
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const doc = JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'partner bench upstream', version: '1' },
    paths: {
      '/movies': {
        get: {
          'x-kavosh-access': { user: 'authenticated', partner: 'playback:issue' },
          responses: { 200: { description: 'a page' } },
        },
      },
      '/list': {
        get: {
          'x-kavosh-access': { user: 'authenticated', partner: 'catalog:read' },
          responses: { 200: { description: 'a page' } },
        },
      },
    },
  });
  let verifications = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const json = (status: number, body: string) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      if (req.url === '/openapi.json') return json(200, doc);
      if (req.url === '/.well-known/jwks.json') return json(200, jwks);
      if (req.url === '/health/live') return json(200, '{"status":"ok"}');
      if (req.url === PARTNER_VERIFY_PATH) {
        verifications++;
        const { key } = JSON.parse(Buffer.concat(chunks).toString()) as { key: string };
        return key === KEY ? json(200, grant) : json(401, '{"code":"PARTNER_KEY_INVALID"}');
      }
      json(200, page);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    verifications: () => verifications,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const EMPTY_SHA = createHash('sha256').update('').digest('hex');

function signedHeaders(path: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const canonical = ['KAVOSH-HMAC-SHA256', timestamp, nonce, 'GET', path, '', EMPTY_SHA].join('\n');
  return {
    'x-kavosh-key': KEY,
    'x-kavosh-timestamp': timestamp,
    'x-kavosh-nonce': nonce,
    'x-kavosh-signature': `v1=${createHmac('sha256', KEY).update(canonical).digest('hex')}`,
  };
}

/** CONNECTIONS concurrent loops of GETs for `seconds`: answered per second, and non-2xx seen. */
async function load(
  origin: string,
  path: string,
  headersOf: () => Record<string, string>,
  seconds: number,
): Promise<{ rps: number; failures: number }> {
  const pool = new Pool(origin, { connections: CONNECTIONS });
  const until = Date.now() + seconds * 1000;
  let ok = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const res = await pool.request({ method: 'GET', path, headers: headersOf() });
        await res.body.dump();
        if (res.statusCode === 200) ok++;
        else failures++;
      }
    }),
  );
  await pool.close();
  return { rps: Math.round(ok / seconds), failures };
}

export const benchmark: Benchmark = {
  name: 'partners',
  description:
    'The gateway full path (policy, Redis rate limit, proxy) on one route, same run: (U) user ' +
    'EdDSA access token, (K) partner key (cached verification), (S) partner key + HMAC signature ' +
    `with a fresh nonce per request (SET NX in Redis). ${CONNECTIONS} concurrent requests, ` +
    'load generator and upstream in the bench process, gateway a child; rounds alternate.',
  async run(ctx): Promise<BenchResult> {
    const seconds = ctx.quick ? 2 : 8;
    const rounds = ctx.quick ? 1 : 3;
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'bench', alg: 'EdDSA' };
    const upstream = await startUpstream(JSON.stringify({ keys: [jwk] }));
    const token = await new SignJWT({ roles: ['user'], jti: randomBytes(8).toString('hex') })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'bench' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('00000000-0000-4000-8000-000000000002')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(pair.privateKey);
    const bearer = { authorization: `Bearer ${token}` };
    const gateway = await startGateway(
      {
        LOG_LEVEL: 'warn',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: `bench-${randomBytes(3).toString('hex')}:`,
        AUTH_URL: upstream.url,
        CATALOG_URL: upstream.url,
        BILLING_URL: upstream.url,
        SOCIAL_URL: upstream.url,
        AUTH_JWKS_URL: `${upstream.url}/.well-known/jwks.json`,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        RATE_LIMIT_MAX: '1000000000',
        PARTNER_RATE_LIMIT_PREMIUM: '1000000000',
      },
      { cpu: undefined, probe: { path: SIGNED_PATH, headers: bearer } },
    );
    const variants = {
      U: { label: 'user token', path: SIGNED_PATH, headers: () => bearer },
      K: {
        label: 'partner key (catalog:read)',
        path: UNSIGNED_PATH,
        headers: () => ({ 'x-kavosh-key': KEY }),
      },
      S: {
        label: 'partner key + signature (playback:issue)',
        path: SIGNED_PATH,
        headers: () => signedHeaders(SIGNED_PATH),
      },
    };
    const samples: Record<keyof typeof variants, number[]> = { U: [], K: [], S: [] };
    let failures = 0;
    try {
      // Warm-up: JIT, connection pools, the key and token caches.
      for (const variant of Object.values(variants)) {
        await load(gateway.url, variant.path, variant.headers, 1);
      }
      for (let round = 0; round < rounds; round++) {
        for (const name of Object.keys(variants) as (keyof typeof variants)[]) {
          const variant = variants[name];
          const result = await load(gateway.url, variant.path, variant.headers, seconds);
          failures += result.failures;
          samples[name].push(result.rps);
          ctx.log(`round ${round + 1} ${name} ${variant.label}: ${result.rps} req/s`);
        }
      }
    } finally {
      await gateway.stop();
      await upstream.close();
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const figures: Record<string, number> = {};
    const rows: (string | number)[][] = [];
    for (const name of Object.keys(variants) as (keyof typeof variants)[]) {
      figures[`${name}_rps`] = median(samples[name]);
      rows.push([name, variants[name].label, median(samples[name]), samples[name].join(' / ')]);
    }
    figures.failures = failures;
    figures.key_verifications = upstream.verifications();
    return {
      figures,
      table: { columns: ['variant', 'credential', 'req/s (median)', 'rounds'], rows },
      notes: [
        `non-200 answers over the whole run: ${failures}; auth verifications of the key: ${upstream.verifications()} (the rest served from the gateway's cache)`,
        'Every process shares the same cores (no pinning): compare the variants with each other, not with other benches.',
      ],
    };
  },
};
