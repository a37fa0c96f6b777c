import type { LoadSummary } from './lib/load.js';
import { hasTaskset, runLoad, startServer, type ServerChild } from './lib/processes.js';
import type { Benchmark, BenchResult } from './lib/types.js';

const CONNECTIONS = 50;
const RUNS = 3;

interface Variant {
  label: string;
  key: string;
  script: string;
  env: Record<string, string>;
}

const VARIANTS: Variant[] = [
  { label: 'bare Fastify 5', key: 'bare', script: 'bare-server.ts', env: {} },
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

export const benchmark: Benchmark = {
  name: 'kit-overhead',
  description:
    'Throughput and latency of one ~1 KB JSON GET route: a bare Fastify 5 app vs the same route on ' +
    '@kavosh/service-kit (buildService + startServer). Server pinned to core 0, autocannon to core 1, ' +
    `${CONNECTIONS} connections, median of ${RUNS} interleaved runs.`,
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
            `run ${run}/${RUNS} ${variant.label}: ${Math.round(load.requestsPerSecond)} req/s, p99 ${load.latencyP99Ms} ms`,
          );
        }
      }
    } finally {
      await Promise.all([...servers.values()].map((server) => server.stop()));
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
    const bareRps = summary[0]?.rps ?? NaN;
    const bareCpu = summary[0]?.cpu ?? NaN;
    const figures: BenchResult['figures'] = {};
    for (const row of summary) {
      figures[`${row.variant.key}_rps`] = Math.round(row.rps);
      figures[`${row.variant.key}_p50_ms`] = row.p50;
      figures[`${row.variant.key}_p99_ms`] = row.p99;
      figures[`${row.variant.key}_cpu_us_per_request`] = round(row.cpu, 1);
      if (row.variant.key !== 'bare') {
        figures[`ratio_${row.variant.key}_to_bare`] = round(row.rps / bareRps, 3);
        figures[`cpu_ratio_${row.variant.key}_to_bare`] = round(bareCpu / row.cpu, 3);
      }
    }
    notes.push(
      'CPU ratio = bare CPU per request / this CPU per request: the throughput ratio on a dedicated core, steadier than req/s when other work shares the machine.',
    );
    notes.push(
      'Goal: service-kit / bare >= 0.9 req/s. The info row pays one pino access line per request (written to /dev/null).',
    );
    return {
      figures,
      table: {
        columns: [
          'server',
          'req/s',
          'ratio to bare',
          'p50 ms',
          'p99 ms',
          'server CPU µs/req',
          'CPU ratio to bare',
        ],
        rows: summary.map((row) => [
          row.variant.label,
          Math.round(row.rps),
          round(row.rps / bareRps, 3),
          row.p50,
          row.p99,
          round(row.cpu, 1),
          round(bareCpu / row.cpu, 3),
        ]),
      },
      notes,
    };
  },
};
