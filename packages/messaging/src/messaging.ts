import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { Broker } from './connection.js';
import { subscribe, type Consumer, type SubscribeOptions } from './consumer.js';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
import type { SqlExecutor, TransactionOptions, TransactionRunner } from './sql-client.js';
import { declareTopology, deleteConsumerTopology } from './topology.js';
import { pruneInbox } from './inbox.js';
import type { EventPublishers } from './publishers.js';
import { untraced } from './tracing.js';

const INBOX_PRUNE_INTERVAL_MS = 3_600_000;
const DEFAULT_STARTUP_WAIT_MS = 2_000;

export interface MessagingOptions<Tx extends SqlExecutor> {
  /** The service name: the broker connection's name and the inbox consumer prefix. */
  service: string;
  url: string;
  prisma: TransactionRunner<Tx>;
  logger: Logger;
  metrics?: Registry;
  /**
   * Tests give each file its own exchange and queue names; production keeps the defaults. An
   * isolated Messaging deletes its exchange and queues on close, so test runs leave nothing behind.
   */
  isolation?: { exchange: string; queuePrefix: string };
  /**
   * Inbox rows older than this are deleted (hourly). It must exceed the longest a duplicate can
   * arrive after the original: the retry schedule plus a broker outage. Default 14 days.
   */
  inboxRetentionHours?: number;
  /**
   * Which RabbitMQ users may publish each service's events (EVENT_PUBLISHERS); default
   * `kavosh_<service>`, or with `isolation` this connection's own user.
   */
  publishers?: EventPublishers;
  /**
   * How long start() waits for a first connection before it returns anyway (the broker is then
   * connected in the background). Default 2 s: a healthy broker is connected before the first
   * request, a down one never holds startup.
   */
  startupWaitMs?: number;
  /** Relay tuning (batch size, poll interval, retention …). */
  relay?: Partial<
    Omit<OutboxRelayOptions, 'prisma' | 'broker' | 'logger' | 'metrics' | 'exchange'>
  >;
}

type ServiceSubscribeOptions<Tx extends SqlExecutor> = Omit<
  SubscribeOptions<Tx>,
  'prisma' | 'logger' | 'metrics'
>;

/**
 * One process's messaging: its broker connection, its outbox relay and its consumers, started and
 * stopped together. The relay runs in every replica; the outbox lease makes one of them publish.
 */
export class Messaging<Tx extends SqlExecutor> {
  readonly broker: Broker;
  readonly relay: OutboxRelay;
  readonly #opts: MessagingOptions<Tx>;
  readonly #consumers: Consumer[] = [];
  readonly #inboxPruner: NodeJS.Timeout;

  private constructor(opts: MessagingOptions<Tx>, broker: Broker, relay: OutboxRelay) {
    this.#opts = opts;
    this.broker = broker;
    this.relay = relay;
    const olderThanHours = opts.inboxRetentionHours ?? 14 * 24;
    // Any replica may prune: chunked deletes of old rows are harmless when two run at once.
    this.#inboxPruner = setInterval(() => {
      untraced(() => pruneInbox(opts.prisma, { olderThanHours })).catch((err: unknown) =>
        opts.logger.warn({ err, component: 'inbox' }, 'inbox prune failed; next try in an hour'),
      );
    }, INBOX_PRUNE_INTERVAL_MS).unref();
  }

  /**
   * Starts the relay and connects to the broker in the background (keeps retrying): the process
   * serves while the broker is down, its events wait in the outbox, the relay publishes them and
   * consumers subscribe once it connects. Waits at most `startupWaitMs` for a first connection.
   */
  static async start<Tx extends SqlExecutor>(opts: MessagingOptions<Tx>): Promise<Messaging<Tx>> {
    const logger = opts.logger.child({ component: 'messaging' });
    const broker = Broker.start({ url: opts.url, name: opts.service, logger });
    const exchange = opts.isolation?.exchange;
    // Registered before the first connection completes, and re-run after every reconnect: a broker
    // restarted without its definitions still routes.
    await broker.onConnect(async (conn) => {
      const ch = await conn.createChannel();
      try {
        await declareTopology(ch, exchange ? { exchange } : {});
      } finally {
        await ch.close();
      }
    });
    const relay = new OutboxRelay({
      ...opts.relay,
      ...(exchange ? { exchange } : {}),
      prisma: opts.prisma,
      broker,
      logger: logger.child({ component: 'relay' }),
      ...(opts.metrics ? { metrics: opts.metrics } : {}),
    });
    relay.start();
    const messaging = new Messaging(opts, broker, relay);
    if (!(await broker.waitConnected(opts.startupWaitMs ?? DEFAULT_STARTUP_WAIT_MS)))
      logger.warn('starting without the broker: events wait in the outbox until it connects');
    return messaging;
  }

  /** Health: the broker connection is up (reported as a dependency, not gating readiness). */
  check(): Promise<void> {
    return this.broker.check();
  }

  /** Runs fn in a transaction; events written with publishInTx(tx, …) are published right after commit. */
  transaction<R>(fn: (tx: Tx) => Promise<R>, options?: TransactionOptions): Promise<R> {
    return this.relay.transaction(this.#opts.prisma, fn, options);
  }

  /** Starts a consumer on this connection; it stops with close(). */
  async subscribe(opts: ServiceSubscribeOptions<Tx>): Promise<Consumer> {
    const isolation = this.#opts.isolation;
    const queue = `${isolation?.queuePrefix ?? ''}${opts.queue}`;
    const consumer = await subscribe(this.broker, {
      ...opts,
      ...(isolation ? { exchange: isolation.exchange } : {}),
      ...(this.#opts.publishers ? { publishers: this.#opts.publishers } : {}),
      queue,
      prisma: this.#opts.prisma,
      logger: this.#opts.logger.child({ component: 'consumer', queue }),
      ...(this.#opts.metrics ? { metrics: this.#opts.metrics } : {}),
    });
    this.#consumers.push(consumer);
    return consumer;
  }

  /** Stops consuming (in-flight messages finish), stops the relay, then closes the connection. */
  async close(): Promise<void> {
    clearInterval(this.#inboxPruner);
    await Promise.all(this.#consumers.map((consumer) => consumer.stop()));
    await this.relay.stop();
    const isolation = this.#opts.isolation;
    if (isolation && this.broker.connected) {
      // Best effort: a connection that drops meanwhile (a test that just cut the broker) must not
      // keep close() from closing the rest; the broker still holds nothing of a real deployment.
      await this.broker
        .withChannel(async (ch) => {
          for (const consumer of this.#consumers)
            await deleteConsumerTopology(ch, consumer.topology);
          await ch.deleteExchange(isolation.exchange);
        })
        .catch((err: unknown) =>
          this.#opts.logger.warn(
            { err, component: 'messaging', exchange: isolation.exchange },
            'isolated topology not deleted',
          ),
        );
    }
    await this.broker.close();
  }
}
