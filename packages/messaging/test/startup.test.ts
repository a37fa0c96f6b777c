import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TcpProxy } from '@kavosh/testing';
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

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

// A process whose broker is down at startup still starts: it writes events into its outbox,
// and publishes them (and its consumers subscribe) once the broker is reachable.
describe('Messaging.start while the broker is unreachable', () => {
  let env: Env;
  let proxy: TcpProxy;
  let messaging: Messaging<Tx> | undefined;

  beforeAll(async () => {
    env = await createEnv('startup');
    proxy = await TcpProxy.start({ target: env.amqpUrl });
    proxy.cut();
  });
  afterAll(async () => {
    await messaging?.close();
    await proxy?.close();
    await env?.close();
  });

  it('returns within its startup wait, keeps the outbox, and delivers once the broker returns', async () => {
    const started = Date.now();
    messaging = await Messaging.start<Tx>({
      service: 'test',
      url: proxy.rewrite(env.amqpUrl),
      prisma: env.prisma,
      logger,
      metrics: env.metrics,
      isolation: { exchange: env.exchange, queuePrefix: '' },
      startupWaitMs: 500,
      relay: { pollIntervalMs: 100 },
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(messaging.check()).rejects.toThrow(/not connected/);

    // Subscribed and written while the broker is cut: nothing is lost, nothing is published yet.
    await messaging.subscribe({
      queue: env.queue('startup'),
      handlers: { 'test.thing.happened.v1': effectHandler() },
    });
    await messaging.transaction(async (tx) => {
      await publishInTx(tx, thing('subject-cut', 1));
    });
    const unsent = async () => {
      const [row] = await env.prisma.$queryRawUnsafe<{ n: bigint }[]>(
        'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL',
      );
      return row?.n;
    };
    expect(await unsent()).toBe(1n);

    proxy.restore();
    await eventually(() => expect(messaging?.check()).resolves.toBeUndefined(), {
      within: 15_000,
    });
    await eventually(async () => expect(await countEffects(env.prisma)).toBe(1), {
      within: 15_000,
    });
    expect(await unsent()).toBe(0n);
  });
});
