// npm run bench -- tracing: issue #18's tracing row. The kit's ~1 KB JSON route (lib/kit-server.ts)
// with tracing off, with @kavosh/telemetry at parent-based sampling 0.1 (its request gate keeps
// unsampled requests out of the HTTP instrumentation) and 1.0, and with the standard set-up
// (sdk-node + HTTP instrumentation, every request through it) at 0.1; interleaved, same run.
// Without --quick it then measures issue #9's figure at the real gateway (off and 0.1).
// BENCH_PROFILE=1 adds one profiled run of the kit at 0.1 and its top self-time functions.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@kavosh/testing';
import { mainThreadProfile, topSelfTime } from './lib/cpu-profile.js';
import { startGateway } from './lib/gateway-process.js';
import type { LoadSummary } from './lib/load.js';
import { PAYLOAD } from './lib/payload.js';
import { hasTaskset, runLoad, startServer, type ServerChild } from './lib/processes.js';
import type { Benchmark, BenchResult, GoalFigure } from './lib/types.js';

const CONNECTIONS = 50;
const RUNS = 3;
const GOAL = 0.65;
const BODY = JSON.stringify(PAYLOAD);
const OPENAPI = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'bench', version: '1' },
  // The gateway serves only what an upstream declares: the bench route, public.
  paths: {
    '/movies': { get: { 'x-kavosh-access': 'public', responses: { 200: { description: 'ok' } } } },
  },
});

type Key = 'off' | 'kavosh_0_1' | 'standard_0_1' | 'kavosh_1_0';

interface Variant {
  key: Key;
  label: string;
  /** BENCH_TRACING of lib/kit-server.ts. */
  tracing: 'off' | 'kavosh' | 'standard';
  ratio?: string;
}

const VARIANTS: Variant[] = [
  { key: 'off', label: 'tracing off', tracing: 'off' },
  {
    key: 'kavosh_0_1',
    label: '@kavosh/telemetry, sampling 0.1',
    tracing: 'kavosh',
    ratio: '0.1',
  },
  {
    key: 'standard_0_1',
    label: 'standard sdk-node + http, sampling 0.1',
    tracing: 'standard',
    ratio: '0.1',
  },
  {
    key: 'kavosh_1_0',
    label: '@kavosh/telemetry, sampling 1.0',
    tracing: 'kavosh',
    ratio: '1.0',
  },
];

/** Listens on a free loopback port with `handler`; resolves to its URL and the server. */
async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; server: Server }> {
  const port = await freePort();
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}

/** The upstream behind the gateway: the bench route, health, its OpenAPI declarations and JWKS. */
function upstream(): ReturnType<typeof listen> {
  return listen((req, res) => {
    const url = req.url ?? '/';
    const json = (status: number, body: string) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    if (url.startsWith('/movies')) json(200, BODY);
    else if (url.startsWith('/health/')) json(200, '{"status":"ok"}');
    else if (url === '/openapi.json') json(200, OPENAPI);
    else if (url === '/.well-known/jwks.json') json(200, '{"keys":[]}');
    else json(404, '{}');
  });
}

/** An OTLP/HTTP sink: accepts every export (protobuf, the SDK's default) and counts its bytes. */
async function otlpSink(): Promise<{ url: string; server: Server; bytes(): number }> {
  let bytes = 0;
  const { url, server } = await listen((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
  });
  return { url, server, bytes: () => bytes };
}

const tracingEnv = (sink: string, ratio: string): Record<string, string> => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: sink,
  OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
  OTEL_TRACES_SAMPLER_ARG: ratio,
});

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

interface Sample extends LoadSummary {
  cpu: number;
}

const envOf = (variant: Variant, sink: string): Record<string, string> => ({
  LOG_LEVEL: 'info',
  BENCH_TRACING: variant.tracing,
  ...(variant.ratio ? tracingEnv(sink, variant.ratio) : {}),
});

/** The kit variants, interleaved; the medians of their runs and their exported bytes. */
async function measureKit(
  pin: boolean,
  seconds: number,
  runs: number,
  log: (msg: string) => void,
): Promise<Map<Key, Sample & { exportedBytesPerRequest: number }>> {
  // One sink per variant: their servers run side by side, each exporting every 5 s.
  const sinks = new Map<Key, Awaited<ReturnType<typeof otlpSink>>>();
  for (const variant of VARIANTS) sinks.set(variant.key, await otlpSink());
  const sinkOf = (key: Key) => {
    const sink = sinks.get(key);
    if (!sink) throw new Error(`no OTLP sink for ${key}`);
    return sink;
  };
  const servers = new Map<Key, ServerChild>();
  const samples = new Map<Key, Sample[]>(VARIANTS.map((v) => [v.key, []]));
  const load = (url: string, durationSeconds: number) =>
    runLoad(url, { cpu: pin ? 1 : undefined, connections: CONNECTIONS, durationSeconds });
  let exported = new Map<Key, number>();
  try {
    for (const variant of VARIANTS) {
      log(`starting the kit, ${variant.label}`);
      servers.set(
        variant.key,
        await startServer('kit-server.ts', {
          cpu: pin ? 0 : undefined,
          env: envOf(variant, sinkOf(variant.key).url),
          path: '/movies',
        }),
      );
    }
    for (const server of servers.values()) await load(server.url, 1); // warm-up (JIT)
    const bytesBefore = new Map(VARIANTS.map((v) => [v.key, sinkOf(v.key).bytes()]));
    for (let run = 1; run <= runs; run++) {
      for (const variant of VARIANTS) {
        const server = servers.get(variant.key);
        if (!server) continue;
        const cpuBefore = server.cpuMicros();
        const summary = await load(server.url, seconds);
        const cpu = (server.cpuMicros() - cpuBefore) / summary.totalRequests;
        if (summary.errors > 0 || summary.non2xx > 0)
          throw new Error(`${variant.label}: ${summary.errors} errors, ${summary.non2xx} non-2xx`);
        samples.get(variant.key)?.push({ ...summary, cpu });
        log(
          `run ${run}/${runs} ${variant.label}: ${Math.round(summary.requestsPerSecond)} req/s, ` +
            `p99 ${summary.latencyP99Ms} ms, ${round(cpu, 1)} µs CPU/request`,
        );
      }
    }
    // Exports are batched every 5 s; each server flushes the rest as it stops.
    await Promise.all([...servers.values()].map((server) => server.stop()));
    servers.clear();
    exported = new Map(
      VARIANTS.map((v) => [v.key, sinkOf(v.key).bytes() - (bytesBefore.get(v.key) ?? 0)]),
    );
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
    for (const sink of sinks.values()) sink.server.close();
  }
  const result = new Map<Key, Sample & { exportedBytesPerRequest: number }>();
  for (const variant of VARIANTS) {
    const list = samples.get(variant.key) ?? [];
    const total = list.reduce((sum, s) => sum + s.totalRequests, 0);
    result.set(variant.key, {
      requestsPerSecond: median(list.map((s) => s.requestsPerSecond)),
      totalRequests: total,
      latencyP50Ms: median(list.map((s) => s.latencyP50Ms)),
      latencyP99Ms: median(list.map((s) => s.latencyP99Ms)),
      errors: 0,
      non2xx: 0,
      cpu: median(list.map((s) => s.cpu)),
      // Bytes after the warm-up over the measured requests (a warm-up batch may still be in them).
      exportedBytesPerRequest: (exported.get(variant.key) ?? 0) / Math.max(total, 1),
    });
  }
  return result;
}

/** Issue #9's figure: the real gateway proxying the route, tracing off and at 0.1, one run each. */
async function measureGateway(
  pin: boolean,
  seconds: number,
  sink: { url: string },
  log: (msg: string) => void,
): Promise<Map<'off' | 'ratio_0_1', Sample>> {
  const up = await upstream();
  const results = new Map<'off' | 'ratio_0_1', Sample>();
  try {
    for (const key of ['off', 'ratio_0_1'] as const) {
      const gateway = await startGateway(
        {
          LOG_LEVEL: 'info',
          REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
          AUTH_URL: up.url,
          CATALOG_URL: up.url,
          BILLING_URL: up.url,
          SOCIAL_URL: up.url,
          AUTH_JWKS_URL: `${up.url}/.well-known/jwks.json`,
          // One client sends everything: the limit is counted in Redis, never hit.
          RATE_LIMIT_MAX: '1000000000',
          REDIS_KEY_PREFIX: `bench-tracing-${randomBytes(3).toString('hex')}:`,
          ...(key === 'off' ? {} : tracingEnv(sink.url, '0.1')),
        },
        { cpu: pin ? 0 : undefined, probe: { path: '/api/catalog/movies' } },
      );
      try {
        const url = `${gateway.url}/api/catalog/movies`;
        const load = (durationSeconds: number) =>
          runLoad(url, { cpu: pin ? 1 : undefined, connections: CONNECTIONS, durationSeconds });
        await load(2); // warm-up: JIT, pools
        const cpuBefore = gateway.cpuMicros();
        const summary = await load(seconds);
        if (summary.errors > 0 || summary.non2xx > 0)
          throw new Error(`gateway ${key}: ${summary.errors} errors, ${summary.non2xx} non-2xx`);
        const cpu = (gateway.cpuMicros() - cpuBefore) / summary.totalRequests;
        results.set(key, { ...summary, cpu });
        log(
          `gateway ${key}: ${Math.round(summary.requestsPerSecond)} req/s, ${round(cpu, 1)} µs CPU/request`,
        );
      } finally {
        await gateway.stop();
      }
    }
  } finally {
    up.server.close();
  }
  return results;
}

/** One profiled kit run at 0.1: its top self-time functions as note lines. */
async function profileKit(pin: boolean, seconds: number, sink: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tracing-prof-'));
  try {
    const variant = VARIANTS.find((v) => v.key === 'kavosh_0_1');
    if (!variant) throw new Error('no kavosh_0_1 variant');
    const server = await startServer('kit-server.ts', {
      cpu: pin ? 0 : undefined,
      env: { ...envOf(variant, sink), BENCH_CPU_PROFILE_DIR: dir },
      path: '/movies',
    });
    await runLoad(server.url, {
      cpu: pin ? 1 : undefined,
      connections: CONNECTIONS,
      durationSeconds: seconds,
    });
    await server.stop(); // the server writes its profile as it exits
    return topSelfTime(mainThreadProfile(dir), 15).map(
      (entry) => `kit at 0.1 profile: ${entry.percent}% ${entry.fn}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'tracing',
  description:
    "Cost of OpenTelemetry tracing on the kit's ~1 KB JSON route (lib/kit-server.ts, LOG_LEVEL=info): " +
    'off; @kavosh/telemetry at parentbased_traceidratio 0.1 and 1.0; the standard sdk-node + HTTP ' +
    'instrumentation at 0.1 (OTLP/HTTP protobuf to a local sink). Server pinned to core 0, ' +
    `autocannon to core 1, ${CONNECTIONS} connections, median of ${RUNS} interleaved runs; ` +
    'then (not with --quick) the real gateway proxying the route, off and at 0.1, one run each.',
  async run(ctx): Promise<BenchResult> {
    const pin = hasTaskset() && ctx.cpuCount >= 2;
    const seconds = ctx.quick ? 2 : 10;
    const runs = ctx.quick ? 1 : RUNS;
    const notes: string[] = [];
    if (!pin) notes.push('taskset or a second core is missing: processes were not pinned.');
    if (ctx.quick)
      notes.push('BENCH_QUICK=1: one 2 s run per variant, no gateway rows: a smoke test only.');
    notes.push("The OTLP sink (and the gateway's upstream) run in the bench process, unpinned.");

    const sink = await otlpSink();
    let kit: Awaited<ReturnType<typeof measureKit>>;
    let gateway: Awaited<ReturnType<typeof measureGateway>> | undefined;
    try {
      kit = await measureKit(pin, seconds, runs, ctx.log);
      if (!ctx.quick) gateway = await measureGateway(pin, seconds, sink, ctx.log);
      if (process.env.BENCH_PROFILE === '1') {
        ctx.log('profiling the kit at 0.1 (BENCH_PROFILE=1)');
        notes.push(...(await profileKit(pin, seconds, sink.url)));
      }
    } finally {
      sink.server.close();
    }

    const of = (key: Key) => {
      const r = kit.get(key);
      if (!r) throw new Error(`${key} has no figures`);
      return r;
    };
    const off = of('off');
    const figures: BenchResult['figures'] = {};
    const rows: (string | number)[][] = [];
    for (const variant of VARIANTS) {
      const r = of(variant.key);
      figures[`${variant.key}_rps`] = Math.round(r.requestsPerSecond);
      figures[`${variant.key}_ratio_to_off`] = round(
        r.requestsPerSecond / off.requestsPerSecond,
        3,
      );
      figures[`${variant.key}_cpu_ratio_to_off`] = round(off.cpu / r.cpu, 3);
      figures[`${variant.key}_p99_ms`] = r.latencyP99Ms;
      figures[`${variant.key}_cpu_us_per_request`] = round(r.cpu, 1);
      figures[`${variant.key}_exported_bytes_per_request`] = round(r.exportedBytesPerRequest, 1);
      rows.push([
        `kit: ${variant.label}`,
        Math.round(r.requestsPerSecond),
        round(r.requestsPerSecond / off.requestsPerSecond, 3),
        r.latencyP50Ms,
        r.latencyP99Ms,
        round(r.cpu, 1),
        round(off.cpu / r.cpu, 3),
        round(r.exportedBytesPerRequest, 1),
      ]);
    }
    const gwOff = gateway?.get('off');
    const gwOn = gateway?.get('ratio_0_1');
    if (gwOff && gwOn) {
      figures.gateway_off_rps = Math.round(gwOff.requestsPerSecond);
      figures.gateway_ratio_0_1_rps = Math.round(gwOn.requestsPerSecond);
      figures.gateway_ratio_0_1_ratio_to_off = round(
        gwOn.requestsPerSecond / gwOff.requestsPerSecond,
        3,
      );
      figures.gateway_ratio_0_1_cpu_ratio_to_off = round(gwOff.cpu / gwOn.cpu, 3);
      for (const [label, r] of [
        ['gateway: tracing off', gwOff],
        ['gateway: @kavosh/telemetry, sampling 0.1', gwOn],
      ] as const) {
        rows.push([
          label,
          Math.round(r.requestsPerSecond),
          round(r.requestsPerSecond / gwOff.requestsPerSecond, 3),
          r.latencyP50Ms,
          r.latencyP99Ms,
          round(r.cpu, 1),
          round(gwOff.cpu / r.cpu, 3),
          '',
        ]);
      }
    }

    const on = of('kavosh_0_1');
    const standard = of('standard_0_1');
    const path = 'tracing on, sampling 0.1 (service kit route)';
    const goals: GoalFigure[] = [
      {
        path,
        metric: 'req/s',
        value: Math.round(on.requestsPerSecond),
        baselineLabel: 'tracing off',
        baseline: Math.round(off.requestsPerSecond),
        ratio: round(on.requestsPerSecond / off.requestsPerSecond, 3),
        goal: `>= ${GOAL} x tracing off req/s`,
        met: on.requestsPerSecond / off.requestsPerSecond >= GOAL,
      },
      {
        path,
        metric: 'server CPU µs/request',
        value: round(on.cpu, 1),
        baselineLabel: 'tracing off',
        baseline: round(off.cpu, 1),
        // Lower is better: off ÷ on, the throughput ratio on a dedicated core.
        ratio: round(off.cpu / on.cpu, 3),
        goal: `off CPU / on CPU >= ${GOAL}`,
        met: off.cpu / on.cpu >= GOAL,
      },
    ];
    notes.push(
      `standard sdk-node + http at 0.1: ${round(standard.requestsPerSecond / off.requestsPerSecond, 3)} x off req/s, ${round(off.cpu / standard.cpu, 3)} by CPU (shared/MEASURED.md: 0.35 with @fastify/otel, which is not installed here).`,
      'OTLP bytes/request show the share sampled: the 0.1 rows should export about a tenth of the 1.0 row.',
      'CPU ratio = off CPU per request / this CPU per request: the throughput ratio on a dedicated core.',
    );
    return {
      figures,
      goals,
      table: {
        columns: [
          'variant',
          'req/s',
          'ratio to off',
          'p50 ms',
          'p99 ms',
          'CPU µs/req',
          'CPU ratio to off',
          'OTLP bytes/req',
        ],
        rows,
      },
      notes,
    };
  },
};
