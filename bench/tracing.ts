// npm run bench -- tracing: issue #9's cost of tracing at the gateway. The real gateway (its main.ts,
// so the @kavosh/telemetry preload decides from OTEL_* as in production) proxies a public ~1 KB
// JSON route, with tracing off, on with parent-based sampling 0.1, and on with 1.0.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { PAYLOAD } from './lib/payload.js';
import { freePort, hasTaskset, runLoad } from './lib/processes.js';
import type { LoadSummary } from './lib/load.js';
import type { Benchmark, BenchResult } from './lib/types.js';

const CONNECTIONS = 50;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BODY = JSON.stringify(PAYLOAD);
const OPENAPI = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'bench', version: '1' },
  paths: {},
});

interface Variant {
  key: string;
  label: string;
  env: Record<string, string>;
}

const VARIANTS: Variant[] = [
  { key: 'off', label: 'tracing off', env: {} },
  { key: 'ratio_0_1', label: 'tracing on, sampling 0.1', env: { OTEL_TRACES_SAMPLER_ARG: '0.1' } },
  { key: 'ratio_1_0', label: 'tracing on, sampling 1.0', env: { OTEL_TRACES_SAMPLER_ARG: '1.0' } },
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

/** The upstream behind the gateway: the bench route, health, an empty OpenAPI document and JWKS. */
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

interface Gateway {
  url: string;
  cpuMicros(): number;
  stop(): Promise<void>;
}

/** gateway/src/main.ts from source, pinned to `cpu`, ready once /health/ready answers 200. */
async function startGateway(
  env: Record<string, string>,
  cpu: number | undefined,
): Promise<Gateway> {
  const port = await freePort();
  const node = [process.execPath, '--conditions=source', '--import', 'tsx', 'gateway/src/main.ts'];
  const [cmd, ...args] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node];
  const child: ChildProcess = spawn(cmd ?? process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    // Logs go to /dev/null: the gateway still formats and writes them, as in production.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('the gateway did not become ready in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pid = child.pid;
  return {
    url,
    cpuMicros: () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6; // utime + stime, USER_HZ 100
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export const benchmark: Benchmark = {
  name: 'tracing',
  description:
    'Cost of OpenTelemetry tracing at the gateway: the real gateway process (main.ts with the ' +
    '@kavosh/telemetry preload, LOG_LEVEL=info) proxies a public ~1 KB JSON GET route to an ' +
    'in-process upstream, with tracing off, on with parentbased_traceidratio 0.1, and on with 1.0 ' +
    '(OTLP/HTTP protobuf to a local sink). Gateway pinned to core 0, autocannon to core 1; ' +
    `${CONNECTIONS} connections; one run per variant.`,
  async run(ctx): Promise<BenchResult> {
    const pin = hasTaskset() && ctx.cpuCount >= 2;
    const seconds = ctx.quick ? 3 : 10;
    const notes: string[] = [];
    if (!pin) notes.push('taskset or a second core is missing: processes were not pinned.');
    if (ctx.quick) notes.push('BENCH_QUICK=1: short runs, figures are a smoke test only.');
    notes.push('The upstream and the OTLP sink run in the bench process, unpinned.');

    const up = await upstream();
    const sink = await otlpSink();
    const results = new Map<
      string,
      LoadSummary & { cpu: number; exportedBytesPerRequest: number }
    >();
    try {
      for (const variant of VARIANTS) {
        const tracing =
          variant.key === 'off'
            ? {}
            : {
                OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
                OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
                ...variant.env,
              };
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
            ...tracing,
          },
          pin ? 0 : undefined,
        );
        try {
          const url = `${gateway.url}/api/catalog/movies`;
          const load = (durationSeconds: number) =>
            runLoad(url, { cpu: pin ? 1 : undefined, connections: CONNECTIONS, durationSeconds });
          const bytesBefore = sink.bytes();
          const warm = await load(ctx.quick ? 1 : 2); // warm-up: JIT, pools
          const cpuBefore = gateway.cpuMicros();
          const summary = await load(seconds);
          if (summary.errors > 0 || summary.non2xx > 0)
            throw new Error(
              `${variant.label}: ${summary.errors} errors, ${summary.non2xx} non-2xx`,
            );
          const cpu = (gateway.cpuMicros() - cpuBefore) / summary.totalRequests;
          // Exports are batched every 5 s; the gateway flushes the last batch as it stops.
          await gateway.stop();
          const exported = sink.bytes() - bytesBefore;
          const perRequest = exported / (warm.totalRequests + summary.totalRequests);
          results.set(variant.key, { ...summary, cpu, exportedBytesPerRequest: perRequest });
          ctx.log(
            `${variant.label}: ${Math.round(summary.requestsPerSecond)} req/s, p99 ${summary.latencyP99Ms} ms, ` +
              `${round(cpu, 1)} µs CPU/request`,
          );
        } catch (err) {
          await gateway.stop();
          throw err;
        }
      }
    } finally {
      up.server.close();
      sink.server.close();
    }

    const off = results.get('off');
    if (!off) throw new Error('no figures with tracing off');
    const figures: BenchResult['figures'] = {};
    const rows: (string | number)[][] = [];
    for (const variant of VARIANTS) {
      const r = results.get(variant.key);
      if (!r) throw new Error(`${variant.key} has no figures`);
      const ratio = r.requestsPerSecond / off.requestsPerSecond;
      const bytesPerRequest = r.exportedBytesPerRequest;
      figures[`${variant.key}_rps`] = Math.round(r.requestsPerSecond);
      figures[`${variant.key}_ratio_to_off`] = round(ratio, 3);
      figures[`${variant.key}_p99_ms`] = r.latencyP99Ms;
      figures[`${variant.key}_cpu_us_per_request`] = round(r.cpu, 1);
      figures[`${variant.key}_exported_bytes_per_request`] = round(bytesPerRequest, 1);
      rows.push([
        variant.label,
        Math.round(r.requestsPerSecond),
        round(ratio, 3),
        r.latencyP50Ms,
        r.latencyP99Ms,
        round(r.cpu, 1),
        round(bytesPerRequest, 1),
      ]);
    }
    return {
      figures,
      table: {
        columns: [
          'variant',
          'req/s',
          'ratio to off',
          'p50 ms',
          'p99 ms',
          'CPU µs/req',
          'OTLP bytes/req',
        ],
        rows,
      },
      notes,
    };
  },
};
