import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from 'mariadb';
import { connectionConfig, eventually } from '@kavosh/testing';
import {
  Broker,
  TransactionTimeoutError,
  defineHandler,
  poolRunner,
  subscribe,
  type Consumer,
  type SqlExecutor,
} from '../src/index.js';
import {
  THING_HAPPENED,
  ThingHappened,
  createEnv,
  logger,
  thing,
  type Env,
} from './support/harness.js';

let env: Env;
let broker: Broker;
let pool: Pool;
const consumers: Consumer[] = [];

beforeAll(async () => {
  env = await createEnv('pool');
  broker = await Broker.connect({ url: env.amqpUrl, name: `${env.prefix}-pool`, logger });
  pool = createPool({ ...connectionConfig(env.db.url), connectionLimit: 4 });
});

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.stop()));
  await broker?.close();
  await pool?.end();
  await env?.close();
});

describe('poolRunner', () => {
  it('commits, rolls back on a throw, and rolls back a transaction that outlives its timeout', async () => {
    const db = poolRunner(pool);
    const insert = async (tx: SqlExecutor, id: string) =>
      tx.$executeRawUnsafe('INSERT INTO effects (event_id, subject) VALUES (?, ?)', id, 'runner');
    expect(await db.$transaction((tx) => insert(tx, 'runner-commit'))).toBe(1);
    await expect(
      db.$transaction(async (tx) => {
        await insert(tx, 'runner-throw');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(
      db.$transaction(
        async (tx) => {
          await insert(tx, 'runner-slow');
          await tx.$queryRawUnsafe('SELECT SLEEP(2)');
        },
        { timeout: 200, isolationLevel: 'ReadCommitted' },
      ),
    ).rejects.toBeInstanceOf(TransactionTimeoutError);
    const rows = await db.$queryRawUnsafe<{ event_id: string }[]>(
      "SELECT event_id FROM effects WHERE subject = 'runner' ORDER BY id",
    );
    expect(rows.map((r) => r.event_id)).toEqual(['runner-commit']);
  });
});

describe('a consumer on a raw pool with two lanes', () => {
  it('handles a burst with redelivered copies once each, in order within each subject', async () => {
    const queue = env.queue('lanes');
    const exchange = env.exchangeFor('lanes');
    const events = Array.from({ length: 60 }, (_, i) => thing(`lane-${i % 3}`, Math.floor(i / 3)));
    const handledBefore = events.slice(0, 5);
    // Recorded in the inbox already: a redelivery of an event handled before.
    for (const ev of handledBefore)
      await pool.query('INSERT INTO inbox (consumer, event_id) VALUES (?, ?)', [queue, ev.id]);
    const ch = await env.amqp.createConfirmChannel();
    await ch.assertExchange(exchange, 'topic', { durable: true });
    await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await ch.bindQueue(queue, exchange, THING_HAPPENED);
    // Every tenth event twice in a row, so some batches carry the same event twice.
    for (const [i, ev] of events.entries()) {
      const body = Buffer.from(JSON.stringify(ev));
      ch.publish(exchange, THING_HAPPENED, body, { messageId: ev.id, userId: env.user });
      if (i % 10 === 9)
        ch.publish(exchange, THING_HAPPENED, body, { messageId: ev.id, userId: env.user });
    }
    await ch.waitForConfirms();
    await ch.close();
    consumers.push(
      await subscribe(broker, {
        queue,
        exchange,
        prisma: poolRunner(pool),
        logger,
        concurrency: 2,
        prefetch: 100,
        handlers: {
          [THING_HAPPENED]: defineHandler(ThingHappened, async (event, tx: SqlExecutor) => {
            await tx.$executeRawUnsafe(
              'INSERT INTO effects (event_id, subject) VALUES (?, ?)',
              event.id,
              event.subject ?? null,
            );
          }),
        },
      }),
    );
    const expected = events.slice(handledBefore.length);
    const effects = async () =>
      pool.query<{ event_id: string; subject: string }[]>(
        "SELECT event_id, subject FROM effects WHERE subject LIKE 'lane-%' ORDER BY id",
      );
    await eventually(async () => expect(await effects()).toHaveLength(expected.length), {
      within: 15_000,
    });
    const rows = await effects();
    expect(rows.map((r) => r.event_id).sort()).toEqual(expected.map((e) => e.id).sort());
    const nOf = new Map(events.map((e) => [e.id, e.data.n]));
    for (const subject of ['lane-0', 'lane-1', 'lane-2']) {
      const ns = rows.filter((r) => r.subject === subject).map((r) => nOf.get(r.event_id));
      expect(ns).toEqual([...ns].sort((a = 0, b = 0) => a - b));
    }
    const [inbox] = await pool.query<{ n: bigint }[]>(
      'SELECT COUNT(*) AS n FROM inbox WHERE consumer = ?',
      [queue],
    );
    expect(Number(inbox?.n)).toBe(events.length);
  });
});
