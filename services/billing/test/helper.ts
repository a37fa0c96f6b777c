import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { Broker, createEvent, declareTopology, type CloudEvent } from '@kavosh/messaging';
import {
  eventually,
  freePort,
  startPaymentSandbox,
  type PaymentSandbox,
  type TestService,
} from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
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

export interface BillingWithSandbox {
  billing: TestService<KavoshApp>;
  sandbox: PaymentSandbox;
  /** The webhook endpoint's signing secret (billing's STRIPE_WEBHOOK_SECRET). */
  webhookSecret: string;
  close(): Promise<void>;
}

/**
 * Billing listening on a free port, and a payment sandbox (a real child process) whose webhook
 * endpoint is billing's /webhooks/provider, both with one signing secret; billing's Stripe
 * adapter points at the sandbox.
 */
export async function startBillingWithSandbox(
  opts: {
    env?: Record<string, string>;
    sandboxEnv?: Record<string, string>;
    /** More billing environment once the sandbox runs (e.g. its API through a TcpProxy). */
    envFor?: (sandbox: PaymentSandbox) => Promise<Record<string, string>>;
  } = {},
): Promise<BillingWithSandbox> {
  const port = await freePort();
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const sandbox = await startPaymentSandbox({
    webhookUrl: `http://127.0.0.1:${port}/webhooks/provider`,
    env: {
      SANDBOX_WEBHOOK_SECRET: webhookSecret,
      SANDBOX_WEBHOOK_RETRY_MS: '200',
      ...opts.sandboxEnv,
    },
  });
  try {
    const billing = await startBilling({
      env: {
        STRIPE_HOST: sandbox.host,
        STRIPE_PORT: String(sandbox.port),
        STRIPE_PROTOCOL: 'http',
        STRIPE_SECRET_KEY: sandbox.apiKey,
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        ...opts.env,
        ...(await opts.envFor?.(sandbox)),
      },
    });
    await billing.app.listen({ port, host: '127.0.0.1' });
    return {
      billing,
      sandbox,
      webhookSecret,
      close: async () => {
        await billing.close();
        await sandbox.stop();
      },
    };
  } catch (err) {
    await sandbox.stop();
    throw err;
  }
}

/** Publishes events into a test app's isolated exchange, as their producer would. */
export async function eventPublisher(svc: { infra: { amqpUrl: string }; prefix: string }) {
  const broker = await Broker.connect({
    url: svc.infra.amqpUrl,
    name: `${svc.prefix}-publisher`,
    logger: pino({ level: 'silent' }),
  });
  const exchange = `${svc.prefix}.events`;
  return {
    event: <T>(type: string, subject: string, data: T): CloudEvent<T> =>
      createEvent({ type, source: `/kavosh/${type.split('.')[0] ?? ''}`, subject, data }),
    publish: (event: CloudEvent) =>
      broker.publish(exchange, event.type, Buffer.from(JSON.stringify(event)), {
        messageId: event.id,
        type: event.type,
      }),
    /** Waits until the consumer `queue` (unprefixed) has committed the event (its inbox row). */
    handled: (
      db: { inboxEvent: { findUnique(args: object): Promise<unknown> } },
      queue: string,
      eventId: string,
    ) =>
      eventually(
        async () => {
          const row = await db.inboxEvent.findUnique({
            where: { consumer_eventId: { consumer: `${svc.prefix}.${queue}`, eventId } },
          });
          if (!row) throw new Error(`${queue} has not handled ${eventId} yet`);
        },
        { within: 20_000 },
      ),
    dlqDepth: (queue: string) =>
      broker.withChannel(
        async (ch) => (await ch.checkQueue(`${svc.prefix}.${queue}.dlq`)).messageCount,
      ),
    close: () => broker.close(),
  };
}
