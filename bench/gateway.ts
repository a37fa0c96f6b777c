// npm run bench -- gateway: issue #6's edge benchmark, issue #18's goal (E >= 0.75 x M). BENCH_PROFILE=1 also profiles variant E
// (node --cpu-prof on its command line) and adds its top self-time functions to the notes.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { freePort } from '@kavosh/testing';
import { mainThreadProfile, topSelfTime } from './lib/cpu-profile.js';
import { startGateway, type GatewayChild } from './lib/gateway-process.js';
import type { LatencySummary } from './lib/latency.js';
import type { LoadSummary } from './lib/load.js';
import { ensureNginx, startNginx } from './lib/nginx.js';
import { hasTaskset, runLoad, startServer, type ServerChild } from './lib/processes.js';
import type { Benchmark, BenchResult, GoalFigure } from './lib/types.js';

const CONNECTIONS = 50;
const ISSUER = 'https://bench.kavosh.test';
const AUDIENCE = 'kavosh-bench';

type VariantKey = 'A' | 'B' | 'M' | 'C' | 'E';

interface Variant {
  key: VariantKey;
  label: string;
  url: string;
  /** The proxy's process (the upstream's CPU is not counted for B, C, E). */
  server: Pick<ServerChild, 'cpuMicros'>;
  headers?: Record<string, string>;
}

interface Sample extends LoadSummary {
  cpuMicrosPerRequest: number;
}

const LIB_DIR = new URL('./lib/', import.meta.url).pathname;

/** Sequential requests on one connection (bench/lib/latency.ts), pinned to `cpu`. */
async function runLatency(
  url: string,
  opts: { cpu: number | undefined; durationSeconds: number; headers?: Record<string, string> },
): Promise<LatencySummary> {
  const node = [
    process.execPath,
    '--import',
    'tsx',
    `${LIB_DIR}latency.ts`,
    url,
    String(opts.durationSeconds),
    ...(opts.headers ? [JSON.stringify(opts.headers)] : []),
  ];
  const [cmd, ...args] =
    opts.cpu === undefined ? node : ['taskset', '-c', String(opts.cpu), ...node];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(cmd ?? process.execPath, args, { encoding: 'utf8' }, (err, out) =>
      err ? reject(err) : resolve(out),
    );
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as LatencySummary;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Each figure of a variant as the median of its rounds (figure by figure). */
function medianSample(all: { many: Sample; one: LatencySummary }[]): {
  many: Sample;
  one: LatencySummary;
} {
  const first = all[0];
  if (first === undefined) throw new Error('no rounds measured');
  const many = { ...first.many };
  for (const field of [
    'requestsPerSecond',
    'latencyP50Ms',
    'latencyP99Ms',
    'cpuMicrosPerRequest',
  ] as const) {
    many[field] = median(all.map((sample) => sample.many[field]));
  }
  const one = { ...first.one };
  for (const field of ['p50Ms', 'p99Ms'] as const) {
    one[field] = median(all.map((sample) => sample.one[field]));
  }
  return { many, one };
}

/** An access token as auth issues them, and the JWKS that verifies it. */
async function tokenAndJwks(): Promise<{ token: string; jwks: string }> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'EdDSA', use: 'sig' };
  const token = await new SignJWT({ roles: ['user'], jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'bench' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(privateKey);
  return { token, jwks: JSON.stringify({ keys: [jwk] }) };
}

export const benchmark: Benchmark = {
  name: 'gateway',
  description:
    'One ~1 KB JSON GET route (A) direct on its Fastify upstream, (B) through nginx (1 worker, ' +
    'upstream keep-alive), (M) through a minimal node:http + undici proxy (the floor of a Node ' +
    'proxy), (C) through the gateway as a plain proxy (public route, no rate limit), ' +
    '(E) through the gateway full path (EdDSA token + policy + Redis rate limit + proxy). ' +
    `Servers pinned to core 0, autocannon to core 1; ${CONNECTIONS} connections, then 1 connection.`,
  async run(ctx): Promise<BenchResult> {
    const pin = hasTaskset() && ctx.cpuCount >= 2;
    const serverCpu = pin ? 0 : undefined;
    const loadCpu = pin ? 1 : undefined;
    // Rounds take the variants in turn and each figure is the median of its rounds: this kind of
    // VM drifts by ±20 % within minutes, which one pass per variant mistakes for a difference.
    const rounds = ctx.quick ? 1 : 3;
    const seconds = ctx.quick ? 2 : 6;
    const singleSeconds = ctx.quick ? 1 : 3;
    const profile = process.env.BENCH_PROFILE === '1';
    const notes: string[] = [];
    if (!pin) notes.push('taskset or a second core is missing: processes were not pinned.');
    if (ctx.quick) notes.push('BENCH_QUICK=1: short runs, figures are a smoke test only.');
    ensureNginx(ctx.log);

    const { token, jwks } = await tokenAndJwks();
    const profileDir = profile ? mkdtempSync(join(tmpdir(), 'kavosh-gateway-prof-')) : undefined;
    const children: Pick<GatewayChild, 'stop'>[] = [];
    const samples = new Map<VariantKey, { many: Sample; one: LatencySummary }>();
    try {
      // One process, two listeners: GET /movies declared public here, authenticated on the other.
      const authenticatedPort = await freePort();
      const upstream = await startServer('gateway-upstream.ts', {
        cpu: serverCpu,
        env: { BENCH_JWKS: jwks, BENCH_AUTHENTICATED_PORT: String(authenticatedPort) },
        path: '',
      });
      children.push(upstream);
      const upstreamEnv = (url: string) => ({
        LOG_LEVEL: 'info',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        AUTH_URL: url,
        CATALOG_URL: url,
        AUTH_JWKS_URL: `${url}/.well-known/jwks.json`,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        // One user sends everything here: the limit is high so that it is counted, never hit.
        RATE_LIMIT_MAX: '1000000000',
        REDIS_KEY_PREFIX: `bench-${randomBytes(3).toString('hex')}:`,
      });
      ctx.log('starting nginx and the two gateways');
      const nginx = await startNginx({
        cpu: serverCpu,
        upstreamUrl: upstream.url,
        path: '/movies',
      });
      children.push(nginx);
      const minimal = await startServer('minimal-proxy.ts', {
        cpu: serverCpu,
        env: { UPSTREAM_URL: upstream.url },
        path: '/movies',
      });
      children.push(minimal);
      const route = '/api/catalog/movies';
      const authorization = { authorization: `Bearer ${token}` };
      const proxyOnly = await startGateway(
        { ...upstreamEnv(upstream.url), RATE_LIMIT_ENABLED: 'false' },
        { cpu: serverCpu, probe: { path: route } },
      );
      children.push(proxyOnly);
      const full = await startGateway(upstreamEnv(`http://127.0.0.1:${authenticatedPort}`), {
        cpu: serverCpu,
        // Written when the gateway exits; 250 µs sampling for a short run's detail.
        nodeArgs: profileDir
          ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=250']
          : [],
        probe: { path: route, headers: authorization },
      });
      children.push(full);

      const variants: Variant[] = [
        { key: 'A', label: 'A direct upstream', url: `${upstream.url}/movies`, server: upstream },
        { key: 'B', label: 'B nginx proxy', url: nginx.url, server: nginx },
        { key: 'M', label: 'M minimal Node proxy', url: minimal.url, server: minimal },
        {
          key: 'C',
          label: 'C gateway, proxy only',
          url: `${proxyOnly.url}${route}`,
          server: proxyOnly,
        },
        {
          key: 'E',
          label: 'E gateway, full path',
          url: `${full.url}${route}`,
          server: full,
          headers: authorization,
        },
      ];
      const measuredRounds: Map<VariantKey, { many: Sample; one: LatencySummary }>[] = [];
      for (let round = 1; round <= rounds; round++) {
        const measured = new Map<VariantKey, { many: Sample; one: LatencySummary }>();
        for (const variant of variants) {
          const load = (connections: number, durationSeconds: number) =>
            runLoad(variant.url, {
              cpu: loadCpu,
              connections,
              durationSeconds,
              ...(variant.headers ? { headers: variant.headers } : {}),
            });
          const check = (summary: LoadSummary) => {
            if (summary.errors > 0 || summary.non2xx > 0) {
              throw new Error(
                `${variant.label}: ${summary.errors} errors, ${summary.non2xx} non-2xx`,
              );
            }
            return summary;
          };
          // Warm-up (JIT, pools): not measured, so a connection error here is only logged.
          const warm = await load(CONNECTIONS, ctx.quick ? 1 : 2);
          if (warm.errors > 0 || warm.non2xx > 0) {
            ctx.log(`${variant.label} warm-up: ${warm.errors} errors, ${warm.non2xx} non-2xx`);
          }
          const cpuBefore = variant.server.cpuMicros();
          const many = check(await load(CONNECTIONS, seconds));
          const cpuMicrosPerRequest = (variant.server.cpuMicros() - cpuBefore) / many.totalRequests;
          const one = await runLatency(variant.url, {
            cpu: loadCpu,
            durationSeconds: singleSeconds,
            ...(variant.headers ? { headers: variant.headers } : {}),
          });
          measured.set(variant.key, { many: { ...many, cpuMicrosPerRequest }, one });
          ctx.log(
            `round ${round}, ${variant.label}: ${Math.round(many.requestsPerSecond)} req/s, ` +
              `${Math.round(cpuMicrosPerRequest)} µs/req, p99 ${many.latencyP99Ms} ms; ` +
              `1 connection p50 ${one.p50Ms} ms, p99 ${one.p99Ms} ms`,
          );
        }
        measuredRounds.push(measured);
      }
      for (const variant of variants) {
        const all = measuredRounds
          .map((measured) => measured.get(variant.key))
          .filter((x) => x !== undefined);
        samples.set(variant.key, medianSample(all));
      }
    } finally {
      for (const child of children.reverse()) await child.stop();
    }

    const get = (key: VariantKey) => {
      const sample = samples.get(key);
      if (!sample) throw new Error(`variant ${key} has no figures`);
      return sample;
    };
    const a = get('A');
    const figures: BenchResult['figures'] = {};
    const rows: (string | number)[][] = [];
    for (const key of ['A', 'B', 'M', 'C', 'E'] as const) {
      const { many, one } = get(key);
      const k = key.toLowerCase();
      figures[`${k}_rps`] = Math.round(many.requestsPerSecond);
      figures[`${k}_p50_ms`] = many.latencyP50Ms;
      figures[`${k}_p99_ms`] = many.latencyP99Ms;
      figures[`${k}_cpu_us_per_request`] = round(many.cpuMicrosPerRequest, 1);
      figures[`${k}_1conn_p50_ms`] = one.p50Ms;
      figures[`${k}_1conn_p99_ms`] = one.p99Ms;
      rows.push([
        key,
        Math.round(many.requestsPerSecond),
        round(many.requestsPerSecond / a.many.requestsPerSecond, 3),
        many.latencyP50Ms,
        many.latencyP99Ms,
        round(many.cpuMicrosPerRequest, 1),
        one.p50Ms,
        one.p99Ms,
        round(one.p99Ms - a.one.p99Ms, 3),
      ]);
    }
    const e = get('E').many.requestsPerSecond;
    const m = get('M').many.requestsPerSecond;
    const eToM = round(e / m, 3);
    figures.ratio_e_to_b = round(e / get('B').many.requestsPerSecond, 3);
    figures.ratio_e_to_c = round(e / get('C').many.requestsPerSecond, 3);
    figures.ratio_m_to_b = round(m / get('B').many.requestsPerSecond, 3);
    figures.ratio_e_to_m = eToM;
    figures.added_p99_1conn_e_ms = round(get('E').one.p99Ms - a.one.p99Ms, 3);
    // Issue #18: the full path against the floor of a Node proxy, both measured in this run.
    const goals: GoalFigure[] = [
      {
        path: 'gateway full path (token + policy + rate limit + proxy)',
        metric: 'req/s',
        value: Math.round(e),
        baselineLabel: 'minimal Node proxy M (node:http + undici pool), same run, pinned cores',
        baseline: Math.round(m),
        ratio: eToM,
        goal: '>= 0.75 x M req/s',
        met: eToM >= 0.75,
      },
    ];
    notes.push(
      `E = ${eToM} x M (goal >= 0.75), E = ${figures.ratio_e_to_b} x B (nginx; printed, no goal), ` +
        `E = ${figures.ratio_e_to_c} x C (the gateway as a plain proxy); M = ${figures.ratio_m_to_b} x B.`,
      `Added p99 of E over A at 1 connection: ${figures.added_p99_1conn_e_ms} ms.`,
      'CPU µs/req is the proxy process only (B, M, C, E); the upstream shares core 0 with it, so ' +
        'req/s ratios weigh the proxy against the proxy plus the upstream.',
      'The gateways log one access line per request at info (to /dev/null); nginx writes its access log to /dev/null.',
    );
    if (profileDir) {
      const file = mainThreadProfile(profileDir);
      const top = topSelfTime(file);
      // Kept for a closer look (Chrome DevTools, speedscope): bench/results/gateway-e.cpuprofile.
      copyFileSync(file, new URL('./results/gateway-e.cpuprofile', import.meta.url).pathname);
      rmSync(profileDir, { recursive: true, force: true });
      notes.push(
        `E profile, top self time (share of busy CPU, the whole process from its start, so module ` +
          `loading under tsx weighs more in a short run): ${top.map((t) => `${t.fn} ${t.percent}%`).join('; ')}`,
      );
    }
    return {
      figures,
      goals,
      table: {
        columns: [
          'variant',
          'req/s',
          'x A',
          'p50 ms',
          'p99 ms',
          'CPU µs/req',
          '1-conn p50 ms',
          '1-conn p99 ms',
          '1-conn +p99 vs A',
        ],
        rows,
      },
      notes,
    };
  },
};
