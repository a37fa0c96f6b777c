import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetry, type Telemetry } from '@kavosh/telemetry';
import { eventually } from '@kavosh/testing';
import {
  Broker,
  OutboxRelay,
  createEvent,
  defineHandler,
  subscribe,
  type Consumer,
} from '../src/index.js';
import {
  THING_HAPPENED,
  ThingHappened,
  createEnv,
  effectHandler,
  logger,
  produce,
  thing,
  type Env,
} from './support/harness.js';

const memory = new InMemorySpanExporter();
let telemetry: Telemetry;
let env: Env;
let broker: Broker;
let relay: OutboxRelay;
const consumers: Consumer[] = [];

const spans = (name: string): ReadableSpan[] =>
  memory.getFinishedSpans().filter((span) => span.name === name);

beforeAll(async () => {
  telemetry = startTelemetry({
    serviceName: 'messaging-test',
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  env = await createEnv('tracing');
  broker = await Broker.connect({ url: env.amqpUrl, name: `${env.prefix}-tracing`, logger });
});

afterAll(async () => {
  await relay?.stop();
  await Promise.all(consumers.map((c) => c.stop()));
  await broker?.close();
  await env?.close();
  await telemetry?.shutdown();
});

describe('trace propagation', () => {
  it('continues the producing span through the relay publish to the consumer', async () => {
    const exchange = env.exchangeFor('chain');
    const queue = env.queue('chain');
    // A logger whose mixin adds ids, as the kit's does, unless the logger says it has them.
    const lines: string[] = [];
    const traceBound = Symbol.for('kavosh.log.traceBound');
    const mixinLogger = pino(
      {
        level: 'info',
        mixin: (_object: object, _level: number, l: unknown) =>
          typeof l === 'object' && l !== null && Reflect.get(l, traceBound) === true
            ? {}
            : { trace_id: 'from-the-mixin' },
      },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      }),
    );
    consumers.push(
      await subscribe(broker, {
        queue,
        exchange,
        prisma: env.prisma,
        logger: mixinLogger,
        handlers: {
          [THING_HAPPENED]: defineHandler(ThingHappened, async (_event, _tx, ctx) => {
            ctx.logger.info('thing handled');
          }),
        },
      }),
    );
    relay = new OutboxRelay({ prisma: env.prisma, broker, logger, exchange, pollIntervalMs: 50 });
    relay.start();

    const event = thing('chain', 1);
    const request = await trace.getTracer('test').startActiveSpan('request', async (span) => {
      await produce(env.prisma, event);
      span.end();
      return span.spanContext();
    });
    relay.wake();

    // The outbox row carries the producing span, though the event was built without one.
    const rows = await env.prisma.$queryRawUnsafe<{ envelope: string }[]>(
      'SELECT envelope FROM outbox WHERE event_id = ?',
      event.id,
    );
    expect(JSON.parse(rows[0]?.envelope ?? '{}').traceparent).toBe(
      `00-${request.traceId}-${request.spanId}-01`,
    );
    const [publish, processed] = await eventually(
      () => {
        const p = spans(`${THING_HAPPENED} publish`).find(
          (s) => s.attributes['messaging.message.id'] === event.id,
        );
        const c = spans(`${THING_HAPPENED} process`).find(
          (s) => s.attributes['messaging.message.id'] === event.id,
        );
        if (!p || !c) throw new Error('publish or process span not finished yet');
        return [p, c] as const;
      },
      { within: 10_000 },
    );
    expect(publish.spanContext().traceId).toBe(request.traceId);
    expect(publish.parentSpanContext?.spanId).toBe(request.spanId);
    expect(processed.spanContext().traceId).toBe(request.traceId);
    expect(processed.parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
    // The handler's line carries the process span's ids, once: the mixin stays out.
    const handled = lines.find((line) => line.includes('"thing handled"'));
    expect(handled?.match(/"trace_id"/g)).toHaveLength(1);
    expect(JSON.parse(handled ?? '{}')).toMatchObject({
      trace_id: processed.spanContext().traceId,
      span_id: processed.spanContext().spanId,
    });
  });

  it('links a transaction that commits several events to each event span', async () => {
    const exchange = env.exchangeFor('batch');
    const queue = env.queue('batch');
    // Each event from its own trace, published before the consumer starts: they share transactions.
    const tracer = trace.getTracer('test');
    const events = Array.from({ length: 20 }, (_, n) => {
      const span = tracer.startSpan(`producer ${n}`);
      span.end();
      const { traceId, spanId } = span.spanContext();
      return createEvent({
        type: THING_HAPPENED,
        source: 'test',
        subject: 'batch',
        data: { n },
        traceparent: `00-${traceId}-${spanId}-01`,
      });
    });
    const ch = await env.amqp.createConfirmChannel();
    await ch.assertExchange(exchange, 'topic', { durable: true });
    await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await ch.bindQueue(queue, exchange, THING_HAPPENED);
    for (const ev of events)
      ch.publish(exchange, THING_HAPPENED, Buffer.from(JSON.stringify(ev)), {
        messageId: ev.id,
        userId: env.user,
      });
    await ch.waitForConfirms();
    await ch.close();
    consumers.push(
      await subscribe(broker, {
        queue,
        exchange,
        prisma: env.prisma,
        logger,
        handlers: { [THING_HAPPENED]: effectHandler() },
      }),
    );

    const ids = new Set(events.map((e) => e.id));
    const processed = await eventually(
      () => {
        const done = spans(`${THING_HAPPENED} process`).filter((s) =>
          ids.has(String(s.attributes['messaging.message.id'])),
        );
        expect(done).toHaveLength(events.length);
        return done;
      },
      { within: 15_000 },
    );
    // No broker header: each process span continues its event's own trace.
    for (const span of processed) {
      const event = events.find((e) => e.id === span.attributes['messaging.message.id']);
      expect(`00-${span.spanContext().traceId}-${span.parentSpanContext?.spanId}-01`).toBe(
        event?.traceparent,
      );
    }
    const batches = spans(`${queue} process batch`);
    expect(batches.length).toBeGreaterThan(0);
    const processIds = new Set(processed.map((s) => s.spanContext().spanId));
    for (const batch of batches) {
      expect(batch.parentSpanContext).toBeUndefined();
      expect(batch.links.length).toBeGreaterThan(1);
      for (const link of batch.links) expect(processIds.has(link.context.spanId)).toBe(true);
    }
  });
});
