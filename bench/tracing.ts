// npm run bench -- tracing: issue #9's cost of tracing at the gateway. The real gateway (its main.ts,
// so the @kavosh/telemetry preload decides from OTEL_* as in production) proxies a public ~1 KB
// JSON route, with tracing off, on with parent-based sampling 0.1, and on with 1.0.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { PAYLOAD } from './lib/payload.js';
import { freePort } from '@kavosh/testing';
import { startGateway } from './lib/gateway-process.js';
import { hasTaskset, runLoad } from './lib/processes.js';
import type { LoadSummary } from './lib/load.js';
import type { Benchmark, BenchResult } from './lib/types.js';

const CONNECTIONS = 50;
const BODY = JSON.stringify(PAYLOAD);
const OPENAPI = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'bench', version: '1' },
  // The gateway serves only what an upstream declares: the bench route, public.
  paths: {
    '/movies': { get: { 'x-kavosh-access': 'public', responses: { 200: { description: 'ok' } } } },
  },
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
          { cpu: pin ? 0 : undefined, probe: { path: '/api/catalog/movies' } },
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
