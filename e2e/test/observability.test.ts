import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { ROOT_CONTEXT, SpanKind, TraceFlags, context, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createPool, type Pool } from 'mariadb';
import { pino } from 'pino';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Broker,
  amqpUser,
  CloudEventEnvelope,
  defineHandler,
  deleteConsumerTopology,
  subscribe,
  type CloudEvent,
  type Consumer,
} from '@kavosh/messaging';
import { readMessagingMigrations } from '@kavosh/messaging/testing';
import { startTelemetry, type Telemetry } from '@kavosh/telemetry';
import {
  freePort,
  createTestDatabase,
  eventually,
  getInfra,
  uniquePrefix,
  type TestDatabase,
} from '@kavosh/testing';
import {
  OTLP_KIND,
  declares,
  metricNamesIn,
  queriesInUse,
  poolRunner,
  startOtlpReceiver,
  type ReceivedSpan,
} from './observability-support.js';
import { startProcess, stopProcess, type RunningProcess } from './processes.js';
import { ownEnv } from './service-env.js';

const REGISTERED = 'auth.user.registered.v1';
const UserRegistered = Type.Object({
  ...CloudEventEnvelope.properties,
  type: Type.Literal(REGISTERED),
  data: Type.Object({ userId: Type.String() }, { additionalProperties: true }),
});

/** pino lines written by the test's consumer, parsed. */
function memoryLog(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe('one trace from the client to a consumer', () => {
  const memory = new InMemorySpanExporter();
  const log = memoryLog();
  const handled: CloudEvent[] = [];
  let telemetry: Telemetry;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  const databases: TestDatabase[] = [];
  const others: RunningProcess[] = [];
  let consumerDb: TestDatabase;
  let pool: Pool;
  let broker: Broker;
  let consumer: Consumer;
  let auth: RunningProcess;
  let gateway: RunningProcess;
  // Each process serves /metrics on its own METRICS_PORT, as every deployment runs it.
  const metricsUrls = new Map<string, string>();
  const metricsPort = async (name: string): Promise<string> => {
    const port = await freePort();
    metricsUrls.set(name, `http://127.0.0.1:${port}`);
    return String(port);
  };

  beforeAll(async () => {
    // This process plays the consumer's part, with an in-memory exporter.
    telemetry = startTelemetry({
      serviceName: 'e2e-consumer',
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
    receiver = await startOtlpReceiver();
    const own = ownEnv();
    const infra = await getInfra();
    const authDb = await createTestDatabase({ label: 'obs-auth' });
    consumerDb = await createTestDatabase({ label: 'obs-consumer' });
    databases.push(authDb, consumerDb);
    pool = createPool({
      ...parseMariadbUrl(consumerDb.url),
      connectionLimit: 4,
      multipleStatements: true,
    });
    for (const m of await readMessagingMigrations()) await pool.query(m.sql);

    // Every process exports to the receiver over OTLP/HTTP JSON, every trace sampled.
    const otel = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '1',
    };
    const authPort = String(await freePort());
    auth = startProcess('auth', 'services/auth/src/main.ts', {
      ...otel,
      PORT: authPort,
      METRICS_PORT: await metricsPort('auth'),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: authDb.url,
      AMQP_URL: infra.amqpUrl,
      REDIS_URL: infra.redisUrl,
      ...own.auth,
    });
    // The other services run too: the metrics test scrapes every process.
    const upstreams: Record<string, string> = { AUTH_URL: auth.url };
    for (const name of ['catalog', 'billing', 'social'] as const) {
      const db = await createTestDatabase({ label: `obs-${name}` });
      databases.push(db);
      const proc = startProcess(name, `services/${name}/src/main.ts`, {
        ...otel,
        PORT: String(await freePort()),
        METRICS_PORT: await metricsPort(name),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        AMQP_URL: infra.amqpUrl,
        REDIS_URL: infra.redisUrl,
        AUTH_JWKS_URL: `${auth.url}/.well-known/jwks.json`,
        ...own[name],
      });
      others.push(proc);
      upstreams[`${name.toUpperCase()}_URL`] = proc.url;
    }
    gateway = startProcess('gateway', 'gateway/src/main.ts', {
      ...otel,
      PORT: String(await freePort()),
      METRICS_PORT: await metricsPort('gateway'),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      REDIS_URL: infra.redisUrl,
      // Its own rate-limit counters: e2e files run at once, all from 127.0.0.1.
      REDIS_KEY_PREFIX: `${uniquePrefix('e2e-obs')}:`,
      AUTH_JWKS_URL: `${auth.url}/.well-known/jwks.json`,
      ...upstreams,
    });

    broker = await Broker.connect({
      url: infra.amqpUrl,
      name: 'e2e-observability',
      logger: pino({ level: 'silent' }),
    });
    consumer = await subscribe(broker, {
      queue: `${uniquePrefix('obs')}.trace`,
      // auth runs as the test user on the shared exchange.
      publishers: { auth: [amqpUser(infra.amqpUrl)] },
      handlers: {
        [REGISTERED]: defineHandler(UserRegistered, async (_event, _tx, ctx) => {
          ctx.logger.info('registered user seen');
        }),
      },
      prisma: poolRunner(pool),
      logger: pino({ level: 'info' }, log.stream),
      onHandled: (event) => handled.push(event),
    });

    await eventually(
      async () => {
        for (const proc of [auth, ...others, gateway]) {
          const res = await fetch(`${proc.url}/health/ready`);
          expect(res.status, proc.name).toBe(200);
        }
      },
      { within: 90_000, interval: 500 },
    ).catch((err: unknown) => {
      const logs = [auth, ...others, gateway].map(
        (p) => `--- ${p.name}\n${p.output().slice(-2_000)}`,
      );
      throw new Error(`the processes did not become ready:\n${logs.join('\n')}`, { cause: err });
    });
  }, 120_000);

  afterAll(async () => {
    await consumer?.stop();
    if (consumer) await broker.withChannel((ch) => deleteConsumerTopology(ch, consumer.topology));
    await broker?.close();
    await Promise.all([auth, gateway, ...others].filter(Boolean).map((p) => stopProcess(p)));
    await pool?.end();
    await Promise.all(databases.map((db) => db.drop()));
    await receiver?.close();
    await telemetry?.shutdown();
  });

  it('follows a registration from the gateway through auth, its outbox and RabbitMQ to the consumer', async () => {
    const tracer = trace.getTracer('e2e');
    const root = tracer.startSpan('e2e register', { kind: SpanKind.CLIENT }, ROOT_CONTEXT);
    const { traceId } = root.spanContext();
    const res = await context.with(trace.setSpan(ROOT_CONTEXT, root), () =>
      fetch(`${gateway.url}/api/auth/register`, {
        method: 'POST',
        // The undici instrumentation of this process sends the traceparent (a child of root).
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `obs-${randomUUID()}@example.com`,
          password: 'a long and unusual passphrase',
          displayName: 'Traced',
        }),
      }),
    );
    root.end();
    expect(res.status, await res.clone().text()).toBe(201);
    const { id: userId } = (await res.json()) as { id: string };

    // The consumer in this process handled the event, under the same trace.
    const consumed = await eventually(
      () => {
        expect(handled.some((e) => e.subject === userId)).toBe(true);
        const span = memory
          .getFinishedSpans()
          .find((s) => s.name === `${REGISTERED} process` && s.spanContext().traceId === traceId);
        if (!span) throw new Error(`no consumer span in trace ${traceId}`);
        return span;
      },
      { within: 20_000, message: 'the consumer never handled the event in the trace' },
    );
    expect(consumed.kind).toBe(SpanKind.CONSUMER);

    // Each process exports on its own schedule: wait until all three have sent their part.
    const spans = await eventually(
      () => {
        const inTrace = receiver.spans.filter((s) => s.traceId === traceId);
        const has = (service: string, kind: number) =>
          inTrace.some((s) => s.service === service && s.kind === kind);
        expect(has('gateway', OTLP_KIND.server), 'the gateway server span').toBe(true);
        expect(has('gateway', OTLP_KIND.client), 'the gateway proxy span').toBe(true);
        expect(has('auth', OTLP_KIND.server), 'the auth server span').toBe(true);
        expect(has('auth', OTLP_KIND.producer), 'the relay publish span').toBe(true);
        return inTrace;
      },
      { within: 20_000, message: 'the processes never exported their spans' },
    );
    const of = (service: string, kind: number): ReceivedSpan[] =>
      spans.filter((s) => s.service === service && s.kind === kind);
    const byId = new Map(spans.map((s) => [s.spanId, s]));

    // gateway: the server span continues the client's trace; a client span calls auth.
    const [gatewayServer] = of('gateway', OTLP_KIND.server);
    expect(gatewayServer?.name).toBe('POST /api/auth/*');
    // auth: its server span is a child of one of the gateway's spans (the proxied call).
    const authServer = of('auth', OTLP_KIND.server).find((s) => s.name === 'POST /register');
    expect(authServer, 'auth server span').toBeDefined();
    expect(byId.get(authServer?.parentSpanId ?? '')?.service).toBe('gateway');
    // The database write is part of the request.
    expect(spans.some((s) => s.service === 'auth' && s.name.startsWith('prisma:'))).toBe(true);
    // The relay's publish continues the request that wrote the outbox row …
    const [publish] = of('auth', OTLP_KIND.producer);
    expect(publish?.name).toBe(`${REGISTERED} publish`);
    expect(publish?.parentSpanId).toBe(authServer?.spanId);
    // … and the consumer continues the publish.
    expect(consumed.parentSpanContext?.spanId).toBe(publish?.spanId);

    // Logs join traces: auth's access line and the handler's line carry the trace id.
    await eventually(() => {
      const accessLine = jsonLines(auth).find(
        (line) => line.route === '/register' && line.msg === 'request completed',
      );
      expect(accessLine).toMatchObject({
        trace_id: traceId,
        span_id: authServer?.spanId,
        request_id: expect.any(String),
      });
    });
    // Other e2e files register users too, and their events reach this queue: pick ours.
    const ours = handled.find((e) => e.subject === userId);
    expect(
      log.lines.find((line) => line.msg === 'registered user seen' && line.eventId === ours?.id),
    ).toMatchObject({ trace_id: traceId, span_id: consumed.spanContext().spanId });
  });

  it('gives a request that brings no traceparent one trace, named once in the gateway access line', async () => {
    // No client span here: the request reaches the gateway without any trace context.
    const res = await context.with(suppressTracing(ROOT_CONTEXT), () =>
      fetch(`${gateway.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'obs-untraced-1' },
        body: JSON.stringify({
          email: `nobody-${randomUUID()}@example.com`,
          password: 'wrong password here',
        }),
      }),
    );
    expect(res.status).toBe(401);
    const accessLine = (proc: RunningProcess): string | undefined =>
      proc
        .output()
        .split('\n')
        .find(
          (line) =>
            line.includes('"request_id":"obs-untraced-1"') && line.includes('"request completed"'),
        );
    await eventually(
      () => {
        const atGateway = accessLine(gateway);
        const atAuth = accessLine(auth);
        expect(atGateway, 'gateway access line').toBeDefined();
        expect(atAuth, 'auth access line').toBeDefined();
        expect(atGateway?.match(/"trace_id"/g)).toHaveLength(1);
        const gatewayTrace: unknown = JSON.parse(atGateway ?? '{}').trace_id;
        expect(gatewayTrace).toMatch(/^[0-9a-f]{32}$/);
        expect(JSON.parse(atAuth ?? '{}').trace_id).toBe(gatewayTrace);
        const authServer = receiver.spans.find(
          (s) => s.service === 'auth' && s.kind === OTLP_KIND.server && s.traceId === gatewayTrace,
        );
        expect(authServer?.name).toBe('POST /login');
      },
      { within: 10_000 },
    );
  });

  it('carries a sampled-out trace (flag 00) through the gateway, the outbox and RabbitMQ, exporting none of it', async () => {
    // The caller decided not to sample: every process follows its parent and records nothing,
    // yet the event still names the trace, so the consumer's lines join the caller's.
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    // The test process's fetch instrumentation sends a child of this unsampled span (flag 00).
    const caller = trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId: callerSpan,
      traceFlags: TraceFlags.NONE,
      isRemote: false,
    });
    const res = await context.with(caller, () =>
      fetch(`${gateway.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `obs-${randomUUID()}@example.com`,
          password: 'a long and unusual passphrase',
          displayName: 'Not sampled',
        }),
      }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const { id: userId } = (await res.json()) as { id: string };

    const ours = await eventually(
      () => {
        const event = handled.find((e) => e.subject === userId);
        if (!event) throw new Error(`no event for ${userId} yet`);
        return event;
      },
      { within: 20_000, message: 'the consumer never handled the event' },
    );
    // auth's own (unsampled) server span wrote the outbox row: same trace, its span id, flag 00.
    expect(ours.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
    expect(ours.traceparent).not.toContain(callerSpan);
    expect(
      log.lines.find((line) => line.msg === 'registered user seen' && line.eventId === ours.id),
    ).toMatchObject({ trace_id: traceId });
    expect(memory.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId)).toEqual(
      [],
    );
    expect(receiver.spans.filter((s) => s.traceId === traceId)).toEqual([]);
  });

  it('serves every metric that a dashboard panel or an alert rule uses', async () => {
    // Some traffic first: a failed login, a proxied catalog read (whatever it answers), a rejected body.
    const post = (path: string, body: unknown) =>
      fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (
        await post('/api/auth/login', {
          email: `nobody-${randomUUID()}@example.com`,
          password: 'wrong password here',
        })
      ).status,
    ).toBe(401);
    await (await fetch(`${gateway.url}/api/catalog/genres`)).arrayBuffer();
    const rejected = await post('/api/auth/register', { unexpected: true });
    expect(rejected.status, await rejected.text()).toBe(400);

    const scraped = new Map<string, string>();
    for (const proc of [auth, ...others, gateway]) {
      expect((await fetch(`${proc.url}/metrics`)).status, proc.name).toBe(404);
      const res = await fetch(`${metricsUrls.get(proc.name) ?? ''}/metrics`);
      expect(res.status, proc.name).toBe(200);
      scraped.set(proc.name, await res.text());
    }
    const queries = await queriesInUse();
    expect(queries.length).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const { where, expr } of queries) {
      const names = metricNamesIn(expr);
      if (names.length === 0) missing.push(`${where}: no metric selector in ${expr}`);
      for (const name of names) {
        if (![...scraped.values()].some((text) => declares(text, name)))
          missing.push(`${where}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
    // The generic metrics every service carries, scraped from each.
    for (const [name, text] of scraped) {
      expect(declares(text, 'http_request_duration_seconds_bucket'), name).toBe(true);
      expect(declares(text, 'nodejs_eventloop_lag_p99_seconds'), name).toBe(true);
      if (name !== 'gateway') expect(declares(text, 'kavosh_outbox_lag_seconds'), name).toBe(true);
    }
  });
});

/** The JSON log lines a child process wrote (a line cut by the output buffer is skipped). */
function jsonLines(proc: RunningProcess): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const line of proc.output().split('\n')) {
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === 'object' && parsed !== null) lines.push({ ...parsed });
    } catch {
      // Not a log line: the first line may be cut, and stderr carries plain text too.
    }
  }
  return lines;
}

function parseMariadbUrl(url: string): {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
} {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1),
  };
}
