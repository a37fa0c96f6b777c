// npm run bench -- kit-overhead: issue #18's service kit row. One ~1 KB JSON route served by bare
// Fastify, by the floor for the kit's features (lib/floor-server.ts) and by the kit, same run.
// BENCH_PROFILE=1 adds one profiled kit run (node --cpu-prof) and its top self-time functions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainThreadProfile, topSelfTime } from './lib/cpu-profile.js';
import type { LoadSummary } from './lib/load.js';
import { hasTaskset, runLoad, startServer, type ServerChild } from './lib/processes.js';
import type { Benchmark, BenchResult, GoalFigure } from './lib/types.js';

const CONNECTIONS = 50;
const RUNS = 3;
const GOAL = 0.95;
const PATH = 'service kit route (1 KB JSON)';

interface Variant {
  label: string;
  key: 'bare' | 'floor' | 'kit_warn' | 'kit_info';
  script: string;
  env: Record<string, string>;
}

const VARIANTS: Variant[] = [
  { label: 'bare Fastify 5', key: 'bare', script: 'bare-server.ts', env: {} },
  {
    label: 'floor: access line + histogram + request id',
    key: 'floor',
    script: 'floor-server.ts',
    env: {},
  },
  // warn: the kit without its per-request access line; info: as the services run by default.
  {
    label: 'service-kit, LOG_LEVEL=warn',
    key: 'kit_warn',
    script: 'kit-server.ts',
    env: { LOG_LEVEL: 'warn' },
  },
  {
    label: 'service-kit, LOG_LEVEL=info',
    key: 'kit_info',
    script: 'kit-server.ts',
    env: { LOG_LEVEL: 'info' },
  },
];

interface Sample extends LoadSummary {
  cpuMicrosPerRequest: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** One profiled kit run under the same load: its top self-time functions as note lines. */
async function profileKit(pin: boolean, seconds: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kit-prof-'));
  try {
    const server = await startServer('kit-server.ts', {
      cpu: pin ? 0 : undefined,
      env: {
        LOG_LEVEL: 'info',
        BENCH_CPU_PROFILE_DIR: dir,
      },
      path: '/movies',
    });
    await runLoad(server.url, {
      cpu: pin ? 1 : undefined,
      connections: CONNECTIONS,
      durationSeconds: seconds,
    });
    await server.stop(); // the server writes its profile as it exits
    return topSelfTime(mainThreadProfile(dir), 15).map(
      (entry) => `kit profile: ${entry.percent}% ${entry.fn}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'kit-overhead',
  description:
    "One ~1 KB JSON GET route: bare Fastify 5, the floor for the kit's features (the same route " +
    'with only a buffered pino access line, a prom-client histogram and a UUID request id echoed ' +
    'in its answer) and @kavosh/service-kit (buildService + startServer). Server pinned to core 0, ' +
    `autocannon to core 1, ${CONNECTIONS} connections, median of ${RUNS} interleaved runs.`,
  async run(ctx): Promise<BenchResult> {
    const pin = hasTaskset() && ctx.cpuCount >= 2;
    const durationSeconds = ctx.quick ? 2 : 10;
    const notes: string[] = [];
    if (!pin)
      notes.push('taskset or a second core is missing: server and load generator were not pinned.');
    if (ctx.quick) notes.push('BENCH_QUICK=1: 2 s runs, figures are a smoke test only.');

    const servers = new Map<string, ServerChild>();
    const samples = new Map<string, Sample[]>(VARIANTS.map((variant) => [variant.key, []]));
    try {
      for (const variant of VARIANTS) {
        ctx.log(`starting ${variant.label}`);
        servers.set(
          variant.key,
          await startServer(variant.script, {
            cpu: pin ? 0 : undefined,
            env: variant.env,
            path: '/movies',
          }),
        );
      }
      for (const variant of VARIANTS) {
        const server = servers.get(variant.key);
        if (server)
          await runLoad(server.url, {
            cpu: pin ? 1 : undefined,
            connections: CONNECTIONS,
            durationSeconds: 1,
          }); // warm-up (JIT)
      }
      // Interleaved so that a slow minute of the machine hits every variant alike.
      for (let run = 1; run <= RUNS; run++) {
        for (const variant of VARIANTS) {
          const server = servers.get(variant.key);
          if (!server) continue;
          const cpuBefore = server.cpuMicros();
          const load = await runLoad(server.url, {
            cpu: pin ? 1 : undefined,
            connections: CONNECTIONS,
            durationSeconds,
          });
          const cpu = server.cpuMicros() - cpuBefore;
          if (load.errors > 0 || load.non2xx > 0)
            throw new Error(
              `${variant.label}: ${load.errors} errors, ${load.non2xx} non-2xx answers`,
            );
          samples
            .get(variant.key)
            ?.push({ ...load, cpuMicrosPerRequest: cpu / load.totalRequests });
          ctx.log(
            `run ${run}/${RUNS} ${variant.label}: ${Math.round(load.requestsPerSecond)} req/s, ` +
              `p99 ${load.latencyP99Ms} ms, ${round(cpu / load.totalRequests, 1)} µs CPU/request`,
          );
        }
      }
    } finally {
      await Promise.all([...servers.values()].map((server) => server.stop()));
    }
    if (process.env.BENCH_PROFILE === '1') {
      ctx.log('profiling the kit (BENCH_PROFILE=1)');
      notes.push(...(await profileKit(pin, durationSeconds)));
    }

    const summary = VARIANTS.map((variant) => {
      const list = samples.get(variant.key) ?? [];
      return {
        variant,
        rps: median(list.map((s) => s.requestsPerSecond)),
        p50: median(list.map((s) => s.latencyP50Ms)),
        p99: median(list.map((s) => s.latencyP99Ms)),
        cpu: median(list.map((s) => s.cpuMicrosPerRequest)),
      };
    });
    const of = (key: Variant['key']) => {
      const row = summary.find((r) => r.variant.key === key);
      if (!row) throw new Error(`no figures for ${key}`);
      return row;
    };
    const bare = of('bare');
    const floor = of('floor');
    const kit = of('kit_info');
    const figures: BenchResult['figures'] = {};
    for (const row of summary) {
      figures[`${row.variant.key}_rps`] = Math.round(row.rps);
      figures[`${row.variant.key}_p50_ms`] = row.p50;
      figures[`${row.variant.key}_p99_ms`] = row.p99;
      figures[`${row.variant.key}_cpu_us_per_request`] = round(row.cpu, 1);
      if (row.variant.key !== 'bare') {
        figures[`ratio_${row.variant.key}_to_bare`] = round(row.rps / bare.rps, 3);
        figures[`cpu_ratio_${row.variant.key}_to_bare`] = round(bare.cpu / row.cpu, 3);
      }
    }
    figures.ratio_kit_info_to_floor = round(kit.rps / floor.rps, 3);
    figures.cpu_ratio_kit_info_to_floor = round(floor.cpu / kit.cpu, 3);
    const goals: GoalFigure[] = [
      {
        path: PATH,
        metric: 'req/s',
        value: Math.round(kit.rps),
        baselineLabel: 'floor (access line + histogram + request id)',
        baseline: Math.round(floor.rps),
        ratio: round(kit.rps / floor.rps, 3),
        goal: `>= ${GOAL} x floor req/s`,
        met: kit.rps / floor.rps >= GOAL,
      },
      {
        path: PATH,
        metric: 'server CPU µs/request',
        value: round(kit.cpu, 1),
        baselineLabel: 'floor',
        baseline: round(floor.cpu, 1),
        // Lower is better: floor ÷ kit, the throughput ratio on a dedicated core.
        ratio: round(floor.cpu / kit.cpu, 3),
        goal: `floor CPU / kit CPU >= ${GOAL}`,
        met: floor.cpu / kit.cpu >= GOAL,
      },
    ];
    notes.push(
      `kit / bare = ${round(kit.rps / bare.rps, 3)} req/s; floor / bare = ${round(floor.rps / bare.rps, 3)} (shared/MEASURED.md: ≈ 0.65 with 10 security headers; the kit sends only x-request-id, so this floor carries only that).`,
      'CPU ratio = the other CPU per request / this CPU per request: the throughput ratio on a dedicated core, steadier than req/s when other work shares the machine.',
      'The info rows pay one pino access line per request (written to /dev/null); kit at warn shows what the line costs.',
    );
    return {
      figures,
      goals,
      table: {
        columns: [
          'server',
          'req/s',
          'ratio to bare',
          'ratio to floor',
          'p50 ms',
          'p99 ms',
          'server CPU µs/req',
          'CPU ratio to bare',
        ],
        rows: summary.map((row) => [
          row.variant.label,
          Math.round(row.rps),
          round(row.rps / bare.rps, 3),
          round(row.rps / floor.rps, 3),
          row.p50,
          row.p99,
          round(row.cpu, 1),
          round(bare.cpu / row.cpu, 3),
        ]),
      },
      notes,
    };
  },
};
