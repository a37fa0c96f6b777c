import { pino } from 'pino';
import { Broker, declareTopology } from '@kavosh/messaging';
import { startServiceForTest, type StartOptions } from '@kavosh/service-host/testing';
import { buildApp, type BillingDeps } from '../src/app.js';
import { readConfig } from '../src/config.js';

const MIGRATIONS = new URL('../prisma/migrations', import.meta.url);

/** A billing app on a fresh, migrated database of its own (see startServiceForTest). */
export const startBilling = (opts: StartOptions<BillingDeps> = {}) =>
  startServiceForTest({ label: 'billing', migrations: MIGRATIONS, readConfig, buildApp }, opts);

/**
 * Records the message id of every event published on a test's isolated exchange, watched
 * straight on the broker (not through any proxy the service under test goes through).
 */
export async function watchEvents(opts: { amqpUrl: string; exchange: string; name: string }) {
  const received: unknown[] = [];
  const observer = await Broker.connect({
    url: opts.amqpUrl,
    name: opts.name,
    logger: pino({ level: 'silent' }),
  });
  await observer.onConnect(async (conn) => {
    const ch = await conn.createChannel();
    await declareTopology(ch, { exchange: opts.exchange });
    const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
    await ch.bindQueue(queue, opts.exchange, '#');
    await ch.consume(queue, (msg) => msg && received.push(msg.properties.messageId), {
      noAck: true,
    });
  });
  return { received, close: () => observer.close() };
}
