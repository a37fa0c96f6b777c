// Auth: login (argon2id at OWASP's parameters, so CPU-bound), refresh rotation, and access-token
// verification through @kavosh/auth-client beside a bare jose jwtVerify loop, in one run.
// Needs MariaDB, RabbitMQ and Redis running and auth's Prisma client (`npx nx run auth:generate`).
import { execFile, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createConnection } from 'mariadb';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { createTokenVerifier } from '@kavosh/auth-client';
import { migrate } from '@kavosh/db';
import { freePort } from '@kavosh/testing';
import type { Benchmark, BenchResult, GoalFigure } from './lib/types.js';
import { closedLoop, round, type LoadStats } from './lib/closed-loop.js';
import { mainThreadProfile, topSelfTime } from './lib/cpu-profile.js';

const ADMIN_URL = process.env.MYSQL_ADMIN_URL ?? 'mysql://root@127.0.0.1:3306';
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AUTH_DIR = fileURLToPath(new URL('../services/auth/', import.meta.url));
const PASSWORD = 'bench password that is long';
const ISSUER = 'http://localhost:8080';
const AUDIENCE = 'kavosh';
const LIB_DIR = fileURLToPath(new URL('./lib/', import.meta.url));
const LOGIN_CONCURRENCY = [4, 8];

const isLoadStats = (value: unknown): value is LoadStats =>
  typeof value === 'object' &&
  value !== null &&
  ['perSecond', 'p50Ms', 'p99Ms', 'n', 'failures'].every(
    (field) => typeof Object.getOwnPropertyDescriptor(value, field)?.value === 'number',
  );

/** The login floor: argon2 verify alone in its own process, on the core auth is pinned to. */
async function rawVerify(concurrency: number, seconds: number, pin: boolean): Promise<LoadStats> {
  const node = [
    process.execPath,
    '--import',
    'tsx',
    `${LIB_DIR}argon2-verify.ts`,
    String(concurrency),
    String(seconds),
  ];
  const [cmd = process.execPath, ...args] = pin ? ['taskset', '-c', '0', ...node] : node;
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8' }, (err, out) => (err ? reject(err) : resolve(out)));
  });
  const parsed: unknown = JSON.parse(stdout.trim().split('\n').pop() ?? '');
  if (!isLoadStats(parsed)) throw new Error(`unexpected argon2-verify output: ${stdout}`);
  return parsed;
}

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
    'p50/p99 and logins/s with 4 and 8 concurrent clients, each beside @node-rs/argon2 verify ' +
    'alone on core 0 at the same concurrency; p99 of /health/ready, the JWKS and /refresh idle ' +
    'and during an 8-client login burst; refresh rotations/s with 15 clients; then, in this ' +
    'process, auth-client verify ops/s beside a bare jose jwtVerify loop. BENCH_PROFILE=1 adds ' +
    "auth's top self-time functions (--cpu-prof) to the notes.",
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
    const profileDir =
      process.env.BENCH_PROFILE === '1' ? mkdtempSync(join(tmpdir(), 'bench-auth-prof-')) : '';
    const node = [
      process.execPath,
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      '--import',
      'tsx',
      '--conditions=source',
      'src/main.ts',
    ];
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
      // Each login figure beside argon2 verify alone at the same concurrency on the same core,
      // measured just before it while auth idles.
      const logins: { concurrency: number; raw: LoadStats; login: LoadStats }[] = [];
      for (const concurrency of LOGIN_CONCURRENCY) {
        const raw = await rawVerify(concurrency, seconds, pin);
        const stats = await closedLoop(concurrency, seconds, login);
        ctx.log(
          `x${concurrency}: login ${stats.perSecond}/s p99 ${stats.p99Ms} ms; raw verify ${raw.perSecond}/s p99 ${raw.p99Ms} ms`,
        );
        logins.push({ concurrency, raw, login: stats });
      }

      const tokens: string[] = [];
      for (let i = 0; i < 16; i += 1) {
        const res = await post(`${base}/login`, { email: emails[i % 8], password: PASSWORD });
        if (!isTokenPair(res.body)) throw new Error(`login failed: ${res.status}`);
        tokens.push(res.body.refreshToken);
      }
      const accessToken = await post(`${base}/login`, { email: emails[0], password: PASSWORD });
      if (!isTokenPair(accessToken.body)) throw new Error('login failed');

      // Other routes during a login burst: one client per route, idle and then while 8 clients
      // log in as fast as they can; p99 against idle.
      const refreshOnce = async (slot: number) => {
        const res = await post(`${base}/refresh`, { refreshToken: tokens[slot] });
        if (!isTokenPair(res.body)) return false;
        tokens[slot] = res.body.refreshToken;
        return true;
      };
      const get = (path: string) => async () => {
        const res = await fetch(`${base}${path}`);
        await res.arrayBuffer();
        return res.ok;
      };
      const probes = [
        { route: 'GET /health/ready', once: get('/health/ready') },
        { route: 'GET /.well-known/jwks.json', once: get('/.well-known/jwks.json') },
        { route: 'POST /refresh', once: () => refreshOnce(15) },
      ];
      const probeAll = () =>
        Promise.all(probes.map((probe) => closedLoop(1, seconds, () => probe.once())));
      await probeAll(); // warm-up
      const idle = await probeAll();
      const [underBurst, burst] = await Promise.all([probeAll(), closedLoop(8, seconds, login)]);
      probes.forEach((probe, i) =>
        ctx.log(
          `${probe.route}: p99 idle ${idle[i]?.p99Ms} ms, during a login burst (${burst.perSecond} logins/s) ${underBurst[i]?.p99Ms} ms`,
        ),
      );

      const refresh = await closedLoop(15, seconds, refreshOnce);
      ctx.log(`refresh x15: ${refresh.perSecond}/s`);

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
      const goals: GoalFigure[] = logins.flatMap(({ concurrency, raw, login: stats }) => [
        {
          path: `login at OWASP argon2id, ${concurrency} clients`,
          metric: 'logins/s',
          value: stats.perSecond,
          baselineLabel: '@node-rs/argon2 verify alone, same core and concurrency (verifies/s)',
          baseline: raw.perSecond,
          ratio: round(stats.perSecond / raw.perSecond, 3),
          goal: '>= 0.85 x raw verify/s',
          met: stats.perSecond >= 0.85 * raw.perSecond,
        },
        {
          path: `login at OWASP argon2id, ${concurrency} clients`,
          metric: 'p99 ms',
          value: stats.p99Ms,
          baselineLabel: '@node-rs/argon2 verify alone, same core and concurrency (p99 ms)',
          baseline: raw.p99Ms,
          ratio: round(stats.p99Ms / raw.p99Ms, 3),
          goal: '<= 1.5 x raw p99 (lower is better)',
          met: stats.p99Ms <= 1.5 * raw.p99Ms,
        },
      ]);
      probes.forEach((probe, i) => {
        const before = idle[i]?.p99Ms ?? NaN;
        const during = underBurst[i]?.p99Ms ?? NaN;
        goals.push({
          path: `${probe.route} during a login burst (8 clients)`,
          metric: 'p99 ms',
          value: during,
          baselineLabel: 'the same route with auth idle (p99 ms)',
          baseline: before,
          ratio: round(during / before, 3),
          goal: '<= 2 x idle p99 (lower is better)',
          met: during <= 2 * before,
        });
      });
      const figures: Record<string, number> = {};
      for (const { concurrency, raw, login: stats } of logins) {
        figures[`login_c${concurrency}_per_s`] = stats.perSecond;
        figures[`login_c${concurrency}_p50_ms`] = stats.p50Ms;
        figures[`login_c${concurrency}_p99_ms`] = stats.p99Ms;
        figures[`raw_verify_c${concurrency}_per_s`] = raw.perSecond;
        figures[`raw_verify_c${concurrency}_p99_ms`] = raw.p99Ms;
      }
      return {
        figures: {
          ...figures,
          burst_logins_per_s: burst.perSecond,
          refresh_c15_per_s: refresh.perSecond,
          refresh_c15_p50_ms: refresh.p50Ms,
          refresh_c15_p99_ms: refresh.p99Ms,
          verify_bare_jose_ops_s: bareOps,
          verify_auth_client_ops_s: clientOps,
          verify_ratio: round(clientOps / bareOps, 3),
        },
        table: {
          columns: ['measurement', 'per s', 'p50 ms', 'p99 ms', 'failures'],
          rows: [
            ...logins.flatMap(({ concurrency, raw, login: stats }) => [
              row(`argon2 verify alone, ${concurrency} concurrent (core 0)`, raw),
              row(`login, ${concurrency} clients (auth on core 0)`, stats),
            ]),
            ...probes.flatMap((probe, i) => [
              row(`${probe.route}, 1 client, idle`, idle[i] ?? burst),
              row(`${probe.route}, 1 client, during 8-client login burst`, underBurst[i] ?? burst),
            ]),
            row('the login burst itself, 8 clients', burst),
            row('refresh, 15 clients (auth on core 0)', refresh),
            ['jose jwtVerify EdDSA, bare loop (this process)', bareOps, '', '', ''],
            ['auth-client verify (remote JWKS cached)', clientOps, '', '', ''],
          ],
        },
        goals,
        notes,
      };
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (profileDir) {
        const top = topSelfTime(mainThreadProfile(profileDir), 12);
        notes.push(
          `auth profile, top self time: ${top.map((t) => `${t.fn} ${t.percent}%`).join('; ')}`,
        );
        rmSync(profileDir, { recursive: true, force: true });
      }
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    }
  },
};
