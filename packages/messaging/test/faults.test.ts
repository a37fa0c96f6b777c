import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy, eventually } from '@kavosh/testing';
import { Broker, OutboxRelay, listDlq, publishInTx, subscribe } from '../src/index.js';
import {
  THING_HAPPENED,
  createEnv,
  createPrisma,
  effectHandler,
  logger,
  mariadbUrl,
  thing,
  type Env,
} from './support/harness.js';

let env: Env;
beforeAll(async () => {
  env = await createEnv('faults');
});
afterAll(async () => {
  await env?.close();
});

/** A logger whose messages the test can wait for. */
function recordingLogger(): { log: pino.Logger; messages: string[] } {
  const messages: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line) messages.push(String(JSON.parse(line).msg));
      }
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), messages };
}

async function failedCount(metrics: Env['metrics']): Promise<number> {
  const m = await metrics.getSingleMetric('kavosh_consumer_failed_total')?.get();
  return (m?.values ?? []).reduce((sum, v) => sum + v.value, 0);
}

describe('delivery under faults', () => {
  it(
    'loses and doubles nothing when the broker connection is cut for seconds while 2,000 events are produced',
    { timeout: 120_000 },
    async () => {
      const exchange = env.exchangeFor('cut');
      const queue = env.queue('cut');
      const proxy = await TcpProxy.start({ target: env.amqpUrl });
      const broker = await Broker.connect({
        url: proxy.rewrite(env.amqpUrl),
        name: `${env.prefix}-cut`,
        logger,
        reconnectMaxDelayMs: 1_000,
      });
      let reconnectAttempts = 0;
      broker.on(
        'reconnect-scheduled',
        ({ attempt }: { attempt: number }) => (reconnectAttempts = attempt),
      );
      const relay = new OutboxRelay({
        prisma: env.prisma,
        broker,
        logger,
        exchange,
        batchSize: 200,
        pollIntervalMs: 200,
      });
      const consumer = await subscribe(broker, {
        queue,
        exchange,
        prisma: env.prisma,
        logger,
        metrics: env.metrics,
        prefetch: 50,
        handlers: { [THING_HAPPENED]: effectHandler() },
      });
      relay.start();
      const produceBatch = async (from: number, to: number): Promise<void> => {
        for (let i = from; i < to; i += 20) {
          await relay.transaction(env.prisma, async (tx) => {
            for (let n = i; n < Math.min(i + 20, to); n++)
              await publishInTx(tx, thing(`cut-${n % 10}`, n));
          });
        }
      };
      try {
        await produceBatch(0, 700);
        proxy.cut();
        await produceBatch(700, 1400);
        // Several seconds of outage: the broker keeps failing to reconnect with growing delays.
        await eventually(() => expect(reconnectAttempts).toBeGreaterThanOrEqual(6), {
          within: 20_000,
        });
        expect(broker.connected).toBe(false);
        proxy.restore();
        await produceBatch(1400, 2000);
        await eventually(async () => expect(await env.prisma.effect.count()).toBe(2000), {
          within: 90_000,
          interval: 250,
          message: 'every event handled',
        });
        const inbox = await env.prisma.inboxEvent.count({ where: { consumer: queue } });
        expect(inbox).toBe(2000);
        expect(await env.prisma.outboxEvent.count({ where: { sentAt: null } })).toBe(0);
        expect(await failedCount(env.metrics)).toBe(0);
        expect(await listDlq(env.amqp, queue)).toHaveLength(0);
      } finally {
        await relay.stop();
        await consumer.stop();
        await broker.close();
        await proxy.close();
        await env.prisma.effect.deleteMany();
      }
    },
  );

  it(
    'holds its messages while the database is cut for longer than the delivery limit allows requeues, then handles each exactly once',
    { timeout: 60_000 },
    async () => {
      const exchange = env.exchangeFor('dbcut');
      const queue = env.queue('dbcut');
      const dbProxy = await TcpProxy.start({ target: env.db.url });
      const consumerPrisma = createPrisma(dbProxy.rewrite(env.db.url));
      const broker = await Broker.connect({
        url: env.amqpUrl,
        name: `${env.prefix}-dbcut`,
        logger,
      });
      const { log, messages } = recordingLogger();
      // A limit of 1 and one event published during the cut: requeueing it each time the database
      // is found down (every ~4 s here: 2 s waiting for a pool connection, 2 s for the SELECT 1,
      // a growing pause) would return it twice in the 10 s cut, and on the second return the
      // broker would dead-letter it. (With more events, each batch holds the lane for those 4 s,
      // so each event would be returned less often.)
      const consumer = await subscribe(broker, {
        queue,
        exchange,
        prisma: consumerPrisma,
        logger: log,
        metrics: env.metrics,
        prefetch: 10,
        retryDelaysMs: [50],
        deliveryLimit: 1,
        handlers: { [THING_HAPPENED]: effectHandler() },
      });
      const ch = await env.amqp.createConfirmChannel();
      const publish = async (from: number, to: number): Promise<void> => {
        for (let n = from; n < to; n++) {
          const ev = thing('db', n);
          ch.publish(exchange, THING_HAPPENED, Buffer.from(JSON.stringify(ev)), {
            persistent: true,
            messageId: ev.id,
            userId: env.user,
          });
        }
        await ch.waitForConfirms();
      };
      try {
        await publish(0, 20);
        await eventually(async () => expect(await env.prisma.effect.count()).toBe(20), {
          within: 20_000,
        });
        dbProxy.cut();
        const cutAt = Date.now();
        await publish(20, 21);
        await eventually(
          () => expect(messages.some((m) => m.startsWith('database unavailable'))).toBe(true),
          { within: 20_000 },
        );
        await new Promise((resolve) => setTimeout(resolve, 10_000 - (Date.now() - cutAt)));
        // Nothing was acked without a commit.
        expect(await env.prisma.effect.count()).toBe(20);
        dbProxy.restore();
        await eventually(async () => expect(await env.prisma.effect.count()).toBe(21), {
          within: 20_000,
          interval: 250,
        });
        expect(await env.prisma.inboxEvent.count({ where: { consumer: queue } })).toBe(21);
        expect(await failedCount(env.metrics)).toBe(0);
        expect(await listDlq(env.amqp, queue)).toHaveLength(0);
        expect((await ch.checkQueue(queue)).messageCount).toBe(0);
        expect(messages).toContain(
          'database unavailable: consumer paused, delivered messages held',
        );
        expect(messages).toContain('database back: consumer resumed');
      } finally {
        await consumer.stop();
        await ch.close();
        await broker.close();
        await consumerPrisma.$disconnect();
        await dbProxy.close();
        await env.prisma.effect.deleteMany();
      }
    },
  );

  it(
    'redelivers an event whose consumer process is killed mid-handle, and it has one effect',
    { timeout: 60_000 },
    async () => {
      const exchange = env.exchangeFor('kill');
      const queue = env.queue('kill');
      const childPath = fileURLToPath(new URL('./fixtures/consumer-child.ts', import.meta.url));
      const child = spawn(
        process.execPath,
        [
          // Workspace packages resolve to their sources, as in the test itself (no build needed).
          '--conditions=source',
          '--import',
          'tsx',
          childPath,
          env.amqpUrl,
          mariadbUrl(env.db.url),
          queue,
          exchange,
          THING_HAPPENED,
        ],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const broker = await Broker.connect({ url: env.amqpUrl, name: `${env.prefix}-kill`, logger });
      try {
        await eventually(() => expect(out).toContain('READY'), {
          within: 30_000,
          message: 'child consumer started',
        });
        const ev = thing('kill', 1);
        const ch = await env.amqp.createConfirmChannel();
        ch.publish(exchange, THING_HAPPENED, Buffer.from(JSON.stringify(ev)), {
          persistent: true,
          messageId: ev.id,
          userId: env.user,
        });
        await ch.waitForConfirms();
        await ch.close();
        await eventually(() => expect(out).toContain(`IN_HANDLER ${ev.id}`), { within: 15_000 });
        child.kill('SIGKILL');
        await exited;
        const consumer = await subscribe(broker, {
          queue,
          exchange,
          prisma: env.prisma,
          logger,
          handlers: { [THING_HAPPENED]: effectHandler() },
        });
        await eventually(
          async () =>
            expect(await env.prisma.inboxEvent.count({ where: { consumer: queue } })).toBe(1),
          { within: 20_000 },
        );
        expect(await env.prisma.effect.count({ where: { eventId: ev.id } })).toBe(1);
        await consumer.stop();
      } finally {
        child.kill('SIGKILL');
        await broker.close();
      }
    },
  );
});
