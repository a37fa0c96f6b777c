// Child process of bench/kit-overhead.ts: the floor for the kit's per-request features, the same
// route as bare-server.ts with only what every kit request must pay for and nothing else: a UUID
// request id echoed in a precomputed-header answer, one buffered pino access line from onResponse,
// and one prom-client histogram observation (the labelled child looked up once per label set).
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { pino } from 'pino';
import { Histogram, Registry } from 'prom-client';
import { MovieList, PAYLOAD } from './payload.js';
import { profileUntilExit } from './self-profile.js';

// The same batching as the kit's stdout: 4 KB writes, flushed at least every 100 ms.
const log = pino(
  { level: 'info', base: { service: 'bench' } },
  pino.destination({ dest: 1, sync: true, minLength: 4096, periodicFlush: 100 }),
);
const registry = new Registry();
const duration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration in seconds',
  labelNames: ['method', 'route', 'status_code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
const children = new Map<string, ReturnType<typeof duration.labels>>();

const app = Fastify({ logger: false, genReqId: () => randomUUID() });
app.addHook('onRequest', (req, reply, done) => {
  reply.header('x-request-id', req.id);
  done();
});
app.addHook('onResponse', (req, reply, done) => {
  const route = req.routeOptions.url ?? 'unmatched';
  const key = `${req.method} ${reply.statusCode} ${route}`;
  let child = children.get(key);
  if (child === undefined) {
    child = duration.labels({ method: req.method, route, status_code: String(reply.statusCode) });
    children.set(key, child);
  }
  child.observe(reply.elapsedTime / 1000);
  log.info(
    {
      request_id: req.id,
      method: req.method,
      route,
      url: req.url,
      status_code: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
    },
    'request completed',
  );
  done();
});
app.get('/movies', { schema: { response: { 200: MovieList } } }, async () => PAYLOAD);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
profileUntilExit(process.env);
process.send?.('ready');
process.on('SIGTERM', () => {
  void app.close().then(() => {
    log.flush();
    process.exit(0);
  });
});
