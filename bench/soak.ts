// Soak: the whole system behind the gateway under steady mixed read traffic (issue #20.5).
import autocannon from 'autocannon';
import { round } from './lib/closed-loop.js';
import { rssMb } from './lib/processes.js';
import { startBenchSystem } from './lib/system.js';
import type { Benchmark, BenchResult, GoalFigure } from './lib/types.js';

const RATE = 2_000;
const SECONDS = 60;
const QUICK_SECONDS = 10;
/** An RSS that grows past this over the run is a leak to look at, not warm-up. */
const RSS_GROWTH_GOAL = 1.15;
const CONNECTIONS = 50;

/** The options of autocannon this bench uses beyond bench/lib/autocannon.d.ts's. */
interface MixedOptions {
  url: string;
  connections: number;
  duration: number;
  overallRate: number;
  requests: { method: 'GET'; path: string }[];
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return (await res.json()) as T;
}

export const benchmark: Benchmark = {
  name: 'soak',
  description: `The gateway, four services (from source, demo catalog of 40 movies) and the payment sandbox; ${RATE} req/s of mixed public reads through the gateway (catalog list, detail, search, genres; billing plans; social's comments of four movies) for ${SECONDS} s (--quick: ${QUICK_SECONDS} s) with autocannon, ${CONNECTIONS} connections; errors and non-2xx answers, and each process's RSS before and after. The gateway's rate limit is off: all traffic comes from one address.`,
  async run(ctx): Promise<BenchResult> {
    const seconds = ctx.quick ? QUICK_SECONDS : SECONDS;
    ctx.log('starting the system');
    const system = await startBenchSystem({
      label: 'bench-soak',
      serviceEnv: { catalog: { SEED_DEMO_DATA: 'true', SEED_DEMO_MOVIES: '40' } },
      gatewayEnv: { RATE_LIMIT_ENABLED: 'false' },
    });
    try {
      const api = `${system.url}/api`;
      const movies = await json<{ items: { id: string; slug: string }[] }>(
        `${api}/catalog/movies?limit=20`,
      );
      if (movies.items.length === 0) throw new Error('the demo catalog has no movies');
      const sample = movies.items.slice(0, 8);
      const paths = [
        '/api/catalog/movies?limit=20',
        '/api/catalog/movies?limit=20&sort=popularity',
        '/api/catalog/genres',
        '/api/billing/plans',
        ...['night', 'love', 'city'].map((q) => `/api/catalog/movies?q=${q}&limit=10`),
        ...sample.map((m) => `/api/catalog/movies/${m.slug}`),
        // Social learns the demo movies from catalog's movie.published events.
        ...sample.slice(0, 4).map((m) => `/api/social/movies/${m.id}/comments`),
      ];
      // Every path answers 200 before the clock starts (the seed may still be landing): a 404
      // then is the bench's mistake, not the system's.
      const deadline = Date.now() + 60_000;
      for (const path of paths) {
        while ((await fetch(`${system.url}${path}`)).status !== 200) {
          if (Date.now() > deadline) await json(`${system.url}${path}`);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      ctx.log(`${paths.length} paths; warming up 5 s`);
      const load = (duration: number) =>
        autocannon({
          url: system.url,
          connections: CONNECTIONS,
          duration,
          overallRate: RATE,
          requests: paths.map((path) => ({ method: 'GET' as const, path })),
        } satisfies MixedOptions as Parameters<typeof autocannon>[0]);
      await load(5);
      const before = Object.fromEntries(
        system.processes.map((p) => [p.name, rssMb(p.child.pid ?? 0)]),
      );
      ctx.log(`${RATE} req/s for ${seconds} s`);
      // RSS every 10 s: a leak keeps climbing, heap growth to a working size levels off.
      const series = new Map<string, number[]>(system.processes.map((p) => [p.name, []]));
      const sampler = setInterval(() => {
        for (const p of system.processes) series.get(p.name)?.push(round(rssMb(p.child.pid ?? 0)));
      }, 10_000);
      // autocannon's result is a thenable without finally().
      let result: Awaited<ReturnType<typeof load>>;
      try {
        result = await load(seconds);
      } finally {
        clearInterval(sampler);
      }
      const after = Object.fromEntries(
        system.processes.map((p) => [p.name, rssMb(p.child.pid ?? 0)]),
      );
      const stillUp = system.processes.filter((p) => p.child.exitCode === null).length;
      const errors = result.errors + result.timeouts + result.non2xx;
      const rps = round(result.requests.average);
      const goals: GoalFigure[] = [
        {
          path: `mixed public reads through the gateway, ${seconds} s`,
          metric: 'req/s',
          value: rps,
          baselineLabel: 'offered rate',
          baseline: RATE,
          ratio: round(rps / RATE, 3),
          goal: `>= 1 x ${RATE} req/s offered`,
          met: rps >= RATE * 0.99,
        },
        {
          path: `mixed public reads through the gateway, ${seconds} s`,
          metric: 'errors + non-2xx',
          value: errors,
          baselineLabel: 'requests',
          baseline: result.requests.total,
          ratio: round(errors / Math.max(result.requests.total, 1), 4),
          goal: '0 errors',
          met: errors === 0,
        },
        ...system.processes.map((p) => {
          const start = round(before[p.name] ?? 0);
          const end = round(after[p.name] ?? 0);
          const ratio = round(end / Math.max(start, 1), 3);
          return {
            path: `${p.name} RSS over the run`,
            metric: 'MB at end',
            value: end,
            baselineLabel: 'MB at start',
            baseline: start,
            ratio,
            goal: `<= ${RSS_GROWTH_GOAL} x start RSS (lower is better)`,
            met: ratio <= RSS_GROWTH_GOAL,
          };
        }),
      ];
      return {
        figures: {
          rps,
          total_requests: result.requests.total,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          p50_ms: result.latency.p50,
          p99_ms: result.latency.p99,
          processes_up: stillUp,
          ...Object.fromEntries(
            system.processes.flatMap((p) => [
              [`${p.name}_rss_start_mb`, round(before[p.name] ?? 0)],
              [`${p.name}_rss_end_mb`, round(after[p.name] ?? 0)],
            ]),
          ),
        },
        table: {
          columns: ['process', 'RSS start MB', 'RSS end MB', 'end / start'],
          rows: system.processes.map((p) => [
            p.name,
            round(before[p.name] ?? 0),
            round(after[p.name] ?? 0),
            round((after[p.name] ?? 0) / Math.max(before[p.name] ?? 1, 1), 3),
          ]),
        },
        goals,
        notes: [
          `RSS every 10 s (MB): ${system.processes.map((p) => `${p.name} ${[round(before[p.name] ?? 0), ...(series.get(p.name) ?? [])].join(' → ')}`).join('; ')}.`,
          `${result.requests.total} requests, ${rps} req/s achieved of ${RATE} offered, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx; ${stillUp} of ${system.processes.length} processes still up.`,
        ],
      };
    } finally {
      await system.stop();
    }
  },
};
