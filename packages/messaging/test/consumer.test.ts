import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import {
  Broker,
  HEADERS,
  createEvent,
  listDlq,
  replayDlq,
  subscribe,
  type Consumer,
} from '../src/index.js';
import {
  THING_HAPPENED,
  createEnv,
  effectHandler,
  logger,
  thing,
  type Env,
} from './support/harness.js';

let env: Env;
let broker: Broker;
const consumers: Consumer[] = [];

async function publishRaw(
  exchange: string,
  routingKey: string,
  content: Buffer | object,
  messageId?: string,
): Promise<void> {
  const ch = await env.amqp.createConfirmChannel();
  const body = Buffer.isBuffer(content) ? content : Buffer.from(JSON.stringify(content));
  ch.publish(exchange, routingKey, body, {
    persistent: true,
    userId: env.user,
    ...(messageId ? { messageId } : {}),
  });
  await ch.waitForConfirms();
  await ch.close();
}

async function effectsFor(eventId: string): Promise<number> {
  return env.prisma.effect.count({ where: { eventId } });
}

beforeAll(async () => {
  env = await createEnv('consumer');
  broker = await Broker.connect({ url: env.amqpUrl, name: `${env.prefix}-consumer`, logger });
});

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.stop()));
  await broker?.close();
  await env?.close();
});

describe('subscribe', () => {
  it('commits one effect and one inbox row per event, even when it is delivered twice', async () => {
    const queue = env.queue('once');
    const exchange = env.exchangeFor('once');
    consumers.push(
      await subscribe(broker, {
        queue,
        exchange,
        prisma: env.prisma,
        logger,
        metrics: env.metrics,
        handlers: { [THING_HAPPENED]: effectHandler() },
      }),
    );
    const ev = thing('dup', 1);
    await publishRaw(exchange, THING_HAPPENED, ev, ev.id);
    await publishRaw(exchange, THING_HAPPENED, ev, ev.id);
    const other = thing('dup', 2);
    await publishRaw(exchange, THING_HAPPENED, other, other.id);
    // The later event is handled after both copies were delivered (same queue, FIFO).
    await eventually(async () => expect(await effectsFor(other.id)).toBe(1), { within: 10_000 });
    await eventually(async () => {
      const inbox = await env.prisma.inboxEvent.findMany({ where: { consumer: queue } });
      expect(inbox.map((r) => r.eventId).sort()).toEqual([ev.id, other.id].sort());
    });
    expect(await effectsFor(ev.id)).toBe(1);
    const handled = await env.metrics.getSingleMetricAsString('kavosh_consumer_handled_total');
    expect(handled).toContain(
      `kavosh_consumer_handled_total{queue="${queue}",type="${THING_HAPPENED}"} 2`,
    );
  });

  it('retries a failing handler with growing delay, dead-letters it, and handles it after a replay', async () => {
    const queue = env.queue('poison');
    const exchange = env.exchangeFor('poison');
    let broken = true;
    let calls = 0;
    const consumer = await subscribe(broker, {
      queue,
      exchange,
      prisma: env.prisma,
      logger,
      metrics: env.metrics,
      retryDelaysMs: [50, 100],
      handlers: {
        [THING_HAPPENED]: effectHandler(async () => {
          calls += 1;
          if (broken) throw new Error('handler bug: cannot handle n');
        }),
      },
    });
    consumers.push(consumer);
    const ev = thing('poison', 1);
    await publishRaw(exchange, THING_HAPPENED, ev, ev.id);
    // The depth is sampled right after the dead-lettering. Wait for it before listing the DLQ: a
    // message held by the listing is not counted as waiting, so polling both at once would race.
    await eventually(
      async () =>
        expect(await env.metrics.metrics()).toContain(
          `kavosh_consumer_dlq_messages{queue="${queue}"} 1`,
        ),
      { within: 10_000, message: 'DLQ depth sampled' },
    );
    const [dead] = await eventually(
      async () => {
        const list = await listDlq(env.amqp, queue);
        expect(list).toHaveLength(1);
        return list;
      },
      { within: 10_000, message: 'poison message in the DLQ' },
    );
    expect(calls).toBe(3);
    expect(dead).toMatchObject({
      eventId: ev.id,
      attempts: 3,
      error: 'handler bug: cannot handle n',
      originalQueue: queue,
      originalRoutingKey: THING_HAPPENED,
    });
    expect(Date.parse(dead?.firstFailure ?? '')).not.toBeNaN();
    expect(await effectsFor(ev.id)).toBe(0);
    const dlqMetric = await env.metrics.getSingleMetricAsString(
      'kavosh_consumer_dead_lettered_total',
    );
    expect(dlqMetric).toContain(`{queue="${queue}"} 1`);
    const metrics = await env.metrics.metrics();
    expect(metrics).toContain(`kavosh_consumer_retried_total{queue="${queue}"} 2`);
    expect(metrics).toContain(`kavosh_consumer_dlq_messages{queue="${queue}"} 1`);
    expect(metrics).toContain(`kavosh_consumer_up{queue="${queue}"} 1`);

    broken = false;
    expect(await replayDlq(env.amqp, queue, { eventId: ev.id, userId: env.user })).toBe(1);
    await eventually(async () => expect(await effectsFor(ev.id)).toBe(1), { within: 10_000 });
    expect(await listDlq(env.amqp, queue)).toHaveLength(0);
  });

  it('sends invalid, non-JSON, id-less and unknown-type messages to the DLQ at once and keeps consuming', async () => {
    const queue = env.queue('invalid');
    const exchange = env.exchangeFor('invalid');
    let calls = 0;
    consumers.push(
      await subscribe(broker, {
        queue,
        exchange,
        prisma: env.prisma,
        logger,
        routingKeys: [THING_HAPPENED, 'test.other.#'],
        retryDelaysMs: [50],
        handlers: { [THING_HAPPENED]: effectHandler(async () => void (calls += 1)) },
      }),
    );
    const badData = { ...thing('bad', 1), data: { n: 'not a number' } };
    const noId: Record<string, unknown> = { ...thing('bad', 2) };
    delete noId.id;
    const unknown = createEvent({
      type: 'test.other.thing.v1',
      source: 'test',
      subject: 'u',
      data: {},
    });
    await publishRaw(exchange, THING_HAPPENED, badData, badData.id);
    await publishRaw(exchange, THING_HAPPENED, Buffer.from('{not json'), 'not-json');
    await publishRaw(exchange, THING_HAPPENED, noId);
    await publishRaw(exchange, 'test.other.thing.v1', unknown, unknown.id);
    const good = thing('good', 1);
    await publishRaw(exchange, THING_HAPPENED, good, good.id);

    await eventually(async () => expect(await effectsFor(good.id)).toBe(1), { within: 10_000 });
    const dead = await eventually(async () => {
      const list = await listDlq(env.amqp, queue);
      expect(list).toHaveLength(4);
      return list;
    });
    const reasons = Object.fromEntries(dead.map((m) => [m.eventId ?? 'none', m.error]));
    expect(reasons[badData.id]).toMatch(/^invalid test\.thing\.happened\.v1: \/data\/n/);
    expect(reasons['not-json']).toBe('not JSON');
    expect(reasons['none']).toMatch(/^invalid envelope: .*id/);
    expect(reasons[unknown.id]).toBe('unknown event type test.other.thing.v1');
    expect(dead.every((m) => m.attempts === 0)).toBe(true);
    expect(dead.every((m) => m.headers[HEADERS.originalQueue] === queue)).toBe(true);
    expect(calls).toBe(1);
  });

  it('commits a burst in shared transactions where a failing handler undoes only its own effects', async () => {
    const queue = env.queue('burst');
    const exchange = env.exchangeFor('burst');
    const ch = await env.amqp.createConfirmChannel();
    const events = Array.from({ length: 40 }, (_, n) => thing('burst', n));
    // Published before the consumer starts, so they arrive together and share transactions.
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
        retryDelaysMs: [50],
        handlers: {
          [THING_HAPPENED]: effectHandler(async (event) => {
            if (event.data.n % 5 === 0) throw new Error(`n=${event.data.n} is poison`);
          }),
        },
      }),
    );
    const poison = events.filter((e) => e.data.n % 5 === 0).map((e) => e.id);
    await eventually(
      async () => expect(await listDlq(env.amqp, queue)).toHaveLength(poison.length),
      { within: 15_000 },
    );
    const effects = await env.prisma.effect.findMany({ where: { subject: 'burst' } });
    expect(effects).toHaveLength(events.length - poison.length);
    expect(effects.some((e) => poison.includes(e.eventId))).toBe(false);
    const inbox = await env.prisma.inboxEvent.count({ where: { consumer: queue } });
    expect(inbox).toBe(events.length - poison.length);
  });

  it('consumes a main queue an older version declared without a dead-letter target, and says so', async () => {
    const queue = env.queue('upgraded');
    const exchange = env.exchangeFor('upgraded');
    const ch = await env.amqp.createChannel();
    // As the previous version declared it, with an event waiting in it.
    await ch.assertExchange(exchange, 'topic', { durable: true });
    await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await ch.bindQueue(queue, exchange, THING_HAPPENED);
    await ch.close();
    const waiting = thing('upgrade', 1);
    await publishRaw(exchange, THING_HAPPENED, waiting, waiting.id);
    const lines: { msg: string; level: number }[] = [];
    const log = pino(
      { level: 'warn' },
      {
        write: (line: string) =>
          void lines.push(JSON.parse(line) as { msg: string; level: number }),
      },
    );
    consumers.push(
      await subscribe(broker, {
        queue,
        exchange,
        prisma: env.prisma,
        logger: log,
        metrics: env.metrics,
        handlers: { [THING_HAPPENED]: effectHandler() },
      }),
    );
    await eventually(async () => expect(await effectsFor(waiting.id)).toBe(1));
    const later = thing('upgrade', 2);
    await publishRaw(exchange, THING_HAPPENED, later, later.id);
    await eventually(async () => expect(await effectsFor(later.id)).toBe(1));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: expect.stringContaining('queue declared with other arguments by an older version'),
      }),
    );
    const outdated = await env.metrics.getSingleMetric('kavosh_consumer_queue_outdated')?.get();
    expect(outdated?.values).toContainEqual(
      expect.objectContaining({ labels: { queue }, value: 1 }),
    );
    // Its retry queues and DLQ were declared as usual.
    expect(await listDlq(env.amqp, queue)).toEqual([]);
  });

  it('gives a message back when its copy to the retry queue fails on an open channel, and handles it on redelivery', async () => {
    const queue = env.queue('copyfail');
    const exchange = env.exchangeFor('copyfail');
    let calls = 0;
    const lines: string[] = [];
    const log = pino(
      { level: 'error' },
      {
        write: (line: string) => void lines.push(String((JSON.parse(line) as { msg: string }).msg)),
      },
    );
    const consumer = await subscribe(broker, {
      queue,
      exchange,
      prisma: env.prisma,
      logger: log,
      retryDelaysMs: [50],
      handlers: {
        [THING_HAPPENED]: effectHandler(async () => {
          calls += 1;
          if (calls === 1) throw new Error('first attempt fails');
        }),
      },
    });
    consumers.push(consumer);
    // The retry queue is gone (deleted by hand): the copy is returned, not confirmed into a queue.
    const ch = await env.amqp.createChannel();
    await ch.deleteQueue(`${queue}.retry.50ms`);
    await ch.close();
    const ev = thing('copyfail', 1);
    await publishRaw(exchange, THING_HAPPENED, ev, ev.id);
    await eventually(async () => expect(await effectsFor(ev.id)).toBe(1), { within: 10_000 });
    expect(calls).toBe(2);
    expect(lines).toContain('copy of a failed message not confirmed: message requeued');
    expect(await listDlq(env.amqp, queue)).toEqual([]);
  });
});
