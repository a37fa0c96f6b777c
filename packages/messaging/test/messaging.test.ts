import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import { Messaging, publishInTx } from '../src/index.js';
import type { PrismaClient } from './fixtures/generated/client.js';
import {
  countEffects,
  createEnv,
  effectHandler,
  logger,
  thing,
  type Env,
} from './support/harness.js';

describe('Messaging (one process: connection, relay and consumers together)', () => {
  let env: Env;
  let messaging: Messaging<Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]>;

  beforeAll(async () => {
    env = await createEnv('facade');
    const queue = env.queue('facade');
    messaging = await Messaging.start({
      service: 'test',
      url: env.amqpUrl,
      prisma: env.prisma,
      logger,
      metrics: env.metrics,
      // The queue prefix is already in env.queue(): subscribe with the full name.
      isolation: { exchange: env.exchange, queuePrefix: '' },
    });
    await messaging.subscribe({ queue, handlers: { 'test.thing.happened.v1': effectHandler() } });
  });
  afterAll(async () => {
    await messaging?.close();
    await env?.close();
  });

  it('reports the broker ready', async () => {
    await expect(messaging.check()).resolves.toBeUndefined();
  });

  it('publishes an event written in a committed transaction to its consumer, once', async () => {
    await messaging.transaction(async (tx) => {
      await publishInTx(tx, thing('subject-1', 1));
    });
    await eventually(async () => expect(await countEffects(env.prisma)).toBe(1), {
      within: 10_000,
    });
    const [row] = await env.prisma.$queryRawUnsafe<{ sent: bigint }[]>(
      'SELECT COUNT(*) AS sent FROM outbox WHERE sent_at IS NOT NULL',
    );
    expect(row?.sent).toBe(1n);
  });

  it('publishes nothing from a transaction that rolls back', async () => {
    await expect(
      messaging.transaction(async (tx) => {
        await publishInTx(tx, thing('subject-2', 1));
        throw new Error('change refused');
      }),
    ).rejects.toThrow('change refused');
    const [row] = await env.prisma.$queryRawUnsafe<{ n: bigint }[]>(
      'SELECT COUNT(*) AS n FROM outbox',
    );
    expect(row?.n).toBe(1n);
  });

  it('stops on close, deletes its isolated exchange, and the broker is no longer ready', async () => {
    await messaging.close();
    await expect(messaging.check()).rejects.toThrow();
    const ch = await env.amqp.createChannel();
    ch.on('error', () => undefined); // a failed check closes the channel with a 404
    await expect(ch.checkExchange(env.exchange)).rejects.toThrow(/NOT_FOUND/);
  });
});
