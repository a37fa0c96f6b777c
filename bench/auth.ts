// Auth: login (argon2id at OWASP's parameters, so CPU-bound), refresh rotation, and access-token
// verification through @kavosh/auth-client beside a bare jose jwtVerify loop, in one run.
// Needs MariaDB, RabbitMQ and Redis running and auth's Prisma client (`npx nx run auth:generate`).
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createConnection } from 'mariadb';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { createTokenVerifier } from '@kavosh/auth-client';
import { migrate } from '@kavosh/db';
import { freePort } from '@kavosh/testing';
import type { Benchmark, BenchResult } from './lib/types.js';
import { closedLoop, round, type LoadStats } from './lib/closed-loop.js';

const ADMIN_URL = process.env.MYSQL_ADMIN_URL ?? 'mysql://root@127.0.0.1:3306';
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AUTH_DIR = fileURLToPath(new URL('../services/auth/', import.meta.url));
const PASSWORD = 'bench password that is long';
const ISSUER = 'http://localhost:8080';
const AUDIENCE = 'kavosh';

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

function isTokenPair(value: unknown): value is { accessToken: string; refreshToken: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'accessToken' in value &&
    typeof value.accessToken === 'string' &&
    'refreshToken' in value &&
    typeof value.refreshToken === 'string'
  );
}

/** Ops/s of `fn` run back to back for `seconds` on this process. */
async function opsPerSecond(seconds: number, fn: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 100; i += 1) await fn();
    n += 100;
  }
  return round(n / ((performance.now() - start) / 1000), 0);
}

export const benchmark: Benchmark = {
  name: 'auth',
  description:
    'Auth service pinned to core 0 (argon2id m=19456 t=2 p=1, the production default): login ' +
    'p50/p99 and logins/s with 4 and 8 concurrent clients, refresh rotations/s with 16 clients; ' +
    'then, in this process, auth-client verify ops/s beside a bare jose jwtVerify loop.',
  async run(ctx): Promise<BenchResult> {
    const seconds = ctx.quick ? 3 : 10;
    const notes: string[] = [];
    const pin = spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0 && ctx.cpuCount >= 2;
    if (!pin) notes.push('taskset or a second core is missing: the auth process was not pinned.');
    if (ctx.quick) notes.push('BENCH_QUICK=1: 3 s runs, figures are a smoke test only.');

    const dbName = `bench_auth_${randomBytes(3).toString('hex')}`;
    const adminUrl = new URL(ADMIN_URL);
    const admin = await createConnection({
      host: adminUrl.hostname,
      port: Number(adminUrl.port || 3306),
      user: decodeURIComponent(adminUrl.username || 'root'),
      password: decodeURIComponent(adminUrl.password),
    });
    await admin.query(`CREATE DATABASE ${dbName} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const dbUrl = new URL(adminUrl);
    dbUrl.pathname = `/${dbName}`;
    const databaseUrl = dbUrl.toString();
    await migrate({ databaseUrl, migrationsDir: `${AUTH_DIR}prisma/migrations` });

    const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const jwks = JSON.stringify({
      keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid: 'bench' }],
    });
    const port = await freePort();
    const node = [process.execPath, '--import', 'tsx', '--conditions=source', 'src/main.ts'];
    const [cmd, ...args] = pin ? ['taskset', '-c', '0', ...node] : node;
    const child = spawn(cmd ?? process.execPath, args, {
      cwd: AUTH_DIR,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        AMQP_URL,
        REDIS_URL,
        MIGRATE_ON_START: 'false',
        JWT_PRIVATE_JWKS: jwks,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const ready = await fetch(`${base}/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error('auth did not start');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      ctx.log('auth is ready');

      // One account per login worker: failed-login throttling never triggers on success anyway.
      const emails = Array.from({ length: 8 }, (_, i) => `bench-${i}@example.com`);
      for (const email of emails) {
        await post(`${base}/register`, { email, password: PASSWORD, displayName: 'Bench' });
      }
      const login = async (worker: number) => {
        const res = await post(`${base}/login`, {
          email: emails[worker % emails.length],
          password: PASSWORD,
        });
        return res.status === 200;
      };
      await closedLoop(4, 1, login); // warm-up
      const login4 = await closedLoop(4, seconds, login);
      ctx.log(`login x4: ${login4.perSecond}/s`);
      const login8 = await closedLoop(8, seconds, login);
      ctx.log(`login x8: ${login8.perSecond}/s`);

      const tokens: string[] = [];
      for (let i = 0; i < 16; i += 1) {
        const res = await post(`${base}/login`, { email: emails[i % 8], password: PASSWORD });
        if (!isTokenPair(res.body)) throw new Error(`login failed: ${res.status}`);
        tokens.push(res.body.refreshToken);
      }
      const accessToken = await post(`${base}/login`, { email: emails[0], password: PASSWORD });
      if (!isTokenPair(accessToken.body)) throw new Error('login failed');
      const refresh = await closedLoop(16, seconds, async (worker) => {
        const res = await post(`${base}/refresh`, { refreshToken: tokens[worker] });
        if (!isTokenPair(res.body)) return false;
        tokens[worker] = res.body.refreshToken;
        return true;
      });
      ctx.log(`refresh x16: ${refresh.perSecond}/s`);

      const token = accessToken.body.accessToken;
      const verifier = createTokenVerifier({
        jwksUrl: `${base}/.well-known/jwks.json`,
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      await verifier.verify(token); // fetches and caches the JWKS
      const localSet = createLocalJWKSet({
        keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: 'bench', alg: 'EdDSA' }],
      });
      const bare = () => jwtVerify(token, localSet, { algorithms: ['EdDSA'] });
      await opsPerSecond(1, bare); // warm-up
      const bareOps = await opsPerSecond(seconds / 2, bare);
      const clientOps = await opsPerSecond(seconds / 2, () => verifier.verify(token));
      ctx.log(`verify: bare jose ${bareOps}/s, auth-client ${clientOps}/s`);

      const row = (label: string, s: LoadStats): (string | number)[] => [
        label,
        s.perSecond,
        s.p50Ms,
        s.p99Ms,
        s.failures,
      ];
      return {
        figures: {
          login_c4_per_s: login4.perSecond,
          login_c4_p50_ms: login4.p50Ms,
          login_c4_p99_ms: login4.p99Ms,
          login_c8_per_s: login8.perSecond,
          login_c8_p50_ms: login8.p50Ms,
          login_c8_p99_ms: login8.p99Ms,
          refresh_c16_per_s: refresh.perSecond,
          refresh_c16_p50_ms: refresh.p50Ms,
          refresh_c16_p99_ms: refresh.p99Ms,
          verify_bare_jose_ops_s: bareOps,
          verify_auth_client_ops_s: clientOps,
          verify_ratio: round(clientOps / bareOps, 3),
        },
        table: {
          columns: ['measurement', 'per s', 'p50 ms', 'p99 ms', 'failures'],
          rows: [
            row('login, 4 clients (auth on 1 core)', login4),
            row('login, 8 clients (auth on 1 core)', login8),
            row('refresh, 16 clients (auth on 1 core)', refresh),
            ['jose jwtVerify EdDSA, bare loop (this process)', bareOps, '', '', ''],
            ['auth-client verify (remote JWKS cached)', clientOps, '', '', ''],
          ],
        },
        notes,
      };
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    }
  },
};
