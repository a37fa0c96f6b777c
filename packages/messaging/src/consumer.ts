// Over ~300 lines on purpose: one consumer's lifecycle, batching and failure policy read best in one place.
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { Compile } from 'typebox/compile';
import { isDatabaseUnavailable } from '@kavosh/db';
import { forwardCopy } from './confirm.js';
import type { Broker } from './connection.js';
import { errorMessage } from './errors.js';
import { CloudEventEnvelope } from './event.js';
import {
  InboxDuplicateError,
  handleInTransaction,
  type InboxItem,
  type InboxOutcome,
} from './inbox-tx.js';
import { conforms, describeErrors, type EventHandler } from './handler.js';
import { counterOn, gaugeOn } from './metrics.js';
import {
  PUBLISHER_HEADER,
  allowedPublishers,
  producerOf,
  type EventPublishers,
} from './publishers.js';
import { decideFailure, readAttempts, rejectHeaders } from './retry.js';
import {
  childWithSpan,
  endWithError,
  startBatchSpan,
  startProcessSpan,
  untraced,
  withSpan,
} from './tracing.js';
import type { Span } from '@opentelemetry/api';
import type { IsolationLevel, SqlExecutor, TransactionRunner } from './sql-client.js';
import {
  DEFAULT_EXCHANGE,
  consumerTopology,
  declareConsumerTopologyOn,
  retryQueueFor,
  type ConsumerTopology,
} from './topology.js';

export const DEFAULT_RETRY_DELAYS_MS = [1_000, 10_000, 60_000, 600_000];

/** Compiled once: every message's envelope is checked with it. */
const envelopeValidator = Compile(CloudEventEnvelope);

/** Before a message whose copy failed is requeued, so a broker hiccup does not spin it. */
const COPY_FAILURE_PAUSE_MS = 1_000;

/** How often a consumer samples its DLQ depth for kavosh_consumer_dlq_messages. */
const DLQ_SAMPLE_INTERVAL_MS = 15_000;

export interface SubscribeOptions<Tx extends SqlExecutor> {
  /** `<service>.<purpose>`; also the inbox `consumer` value. */
  queue: string;
  /** Event type → handler. Anything else arriving on the queue goes to the DLQ. */
  handlers: Record<string, EventHandler<NoInfer<Tx>>>;
  /** Bindings on the exchange; default: the handlers' event types. */
  routingKeys?: string[];
  prisma: TransactionRunner<Tx>;
  logger: Logger;
  metrics?: Registry;
  exchange?: string;
  /** Unacked messages in flight (handled concurrently). */
  prefetch?: number;
  /** One delay per retry; after the last, the DLQ. */
  retryDelaysMs?: number[];
  /**
   * Deliveries returned to the main queue (nack, requeue, a consumer gone) after which the broker
   * dead-letters a message to the DLQ. Default 20, RabbitMQ 4's own default for quorum queues.
   */
  deliveryLimit?: number;
  transactionTimeoutMs?: number;
  isolationLevel?: IsolationLevel;
  /**
   * Errors that say the database (not the event) is the problem: the message is requeued without
   * spending a retry. Default: @kavosh/db's isDatabaseUnavailable; a failed SELECT 1 counts too.
   */
  isTransientError?: (err: unknown) => boolean;
  /** Called after an event's transaction committed and the message was acked (not for duplicates). */
  onHandled?: (event: CloudEventEnvelope) => void;
  /** Most messages committed in one transaction (a failure re-runs each alone). Default 50. */
  maxBatch?: number;
  /**
   * Transactions running at once (each on its own connection). Events are split by a hash of their
   * `subject`, so one subject's events always share a lane and commit in delivery order. Default 1.
   */
  concurrency?: number;
  /**
   * Which RabbitMQ users may publish each producing service's events (checked against the
   * message's broker-validated `user_id`; anything else goes to the DLQ). Default: `kavosh_<service>`
   * on the shared exchange; on an exchange of its own (tests), the consumer's own user, since
   * everything there connects as one user.
   */
  publishers?: EventPublishers;
}

type Settle = 'ack' | 'requeue';

interface Work<Tx> extends InboxItem<Tx> {
  ch: ConfirmChannel;
  msg: ConsumeMessage;
  event: CloudEventEnvelope;
  done: () => void;
  /** This delivery's CONSUMER span; ended once the message is settled. */
  span: Span;
}

/** A running consumer: quorum queue, retry stages and DLQ; effects + inbox row in one transaction. */
export class Consumer<Tx extends SqlExecutor = SqlExecutor> {
  readonly topology: ConsumerTopology;
  readonly #broker: Broker;
  readonly #opts: SubscribeOptions<Tx> & {
    exchange: string;
    prefetch: number;
    retryDelaysMs: number[];
  };
  readonly #log: Logger;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #handled;
  readonly #failed;
  readonly #deadLettered;
  readonly #retried;
  readonly #up;
  readonly #dlqDepth;
  #dlqSampler: NodeJS.Timeout | null = null;
  #conn: ChannelModel | null = null;
  #ch: ConfirmChannel | null = null;
  #tag: string | null = null;
  #stopping = false;
  #unregister: (() => void) | null = null;
  #dbBackoffMs = 0;
  /** Set while the database is unreachable: consuming is cancelled until it answers again. */
  #databaseWait: Promise<void> | null = null;
  readonly #outdated;
  /** Per lane: messages waiting for the lane's next transaction, and whether one is running. */
  readonly #lanes: { pending: Work<Tx>[]; running: boolean }[];

  readonly #publishers: EventPublishers;

  constructor(broker: Broker, opts: SubscribeOptions<Tx>) {
    this.#broker = broker;
    this.#publishers =
      opts.publishers ??
      (opts.exchange !== undefined && opts.exchange !== DEFAULT_EXCHANGE
        ? { '*': [broker.user] }
        : {});
    this.#opts = {
      ...opts,
      exchange: opts.exchange ?? DEFAULT_EXCHANGE,
      prefetch: opts.prefetch ?? 20,
      retryDelaysMs: opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    };
    this.topology = consumerTopology(opts.queue, this.#opts.retryDelaysMs, {
      deliveryLimit: opts.deliveryLimit,
    });
    this.#lanes = Array.from({ length: Math.max(1, Math.floor(opts.concurrency ?? 1)) }, () => ({
      pending: [],
      running: false,
    }));
    this.#log = opts.logger.child({ component: 'consumer', queue: opts.queue });
    const m = opts.metrics;
    this.#handled = counterOn(m, 'kavosh_consumer_handled_total', 'Events handled and committed', [
      'queue',
      'type',
    ]);
    this.#failed = counterOn(
      m,
      'kavosh_consumer_failed_total',
      'Event handler failures (each retry counts)',
      ['queue', 'type'],
    );
    this.#deadLettered = counterOn(
      m,
      'kavosh_consumer_dead_lettered_total',
      'Messages sent to the DLQ',
      ['queue'],
    );
    this.#retried = counterOn(m, 'kavosh_consumer_retried_total', 'Event retries scheduled', [
      'queue',
    ]);
    this.#up = gaugeOn(m, 'kavosh_consumer_up', '1 while the consumer is subscribed to its queue', [
      'queue',
    ]);
    this.#dlqDepth = gaugeOn(
      m,
      'kavosh_consumer_dlq_messages',
      "Messages waiting in the queue's DLQ (sampled every 15 s)",
      ['queue'],
    );
    this.#outdated = gaugeOn(
      m,
      'kavosh_consumer_queue_outdated',
      '1 when the main queue exists with older arguments (no dead-letter target or delivery limit)',
      ['queue'],
    );
    this.#up.set({ queue: opts.queue }, 0);
  }

  /** Declares the topology and starts consuming, now and after every reconnect. */
  async start(): Promise<void> {
    this.#unregister = await this.#broker.onConnect((conn) => this.#setup(conn));
  }

  /** Graceful stop: cancel the subscription, let in-flight messages finish and settle, close. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#unregister?.();
    if (this.#dlqSampler) clearInterval(this.#dlqSampler);
    this.#up.set({ queue: this.#opts.queue }, 0);
    const ch = this.#ch;
    if (ch && this.#tag) await ch.cancel(this.#tag).catch(() => undefined);
    await Promise.allSettled([...this.#inFlight]);
    this.#ch = null;
    if (ch) await ch.close().catch(() => undefined);
  }

  async #setup(conn: ChannelModel): Promise<void> {
    if (this.#stopping) return;
    this.#conn = conn;
    const ch = await conn.createConfirmChannel();
    ch.on('error', (err: Error) => this.#log.warn({ err }, 'consumer channel error'));
    ch.on('close', () => {
      if (this.#ch !== ch) return;
      this.#ch = null;
      this.#up.set({ queue: this.#opts.queue }, 0);
      // Only the channel died (the connection's own reconnect re-runs setup otherwise).
      if (!this.#stopping && this.#conn === conn) {
        setTimeout(() => {
          if (this.#stopping || this.#conn !== conn || this.#ch) return;
          this.#setup(conn).catch((err: unknown) =>
            this.#log.warn({ err }, 'consumer channel re-open failed'),
          );
        }, 1_000);
      }
    });
    const { mainQueueOutdated } = await declareConsumerTopologyOn(conn, {
      exchange: this.#opts.exchange,
      topology: this.topology,
      routingKeys: this.#opts.routingKeys ?? Object.keys(this.#opts.handlers),
    });
    this.#outdated.set({ queue: this.#opts.queue }, mainQueueOutdated ? 1 : 0);
    if (mainQueueOutdated)
      this.#log.error(
        { expected: this.topology.main.arguments },
        'queue declared with other arguments by an older version: consuming it as it is, without a dead-letter target or delivery limit of its own; apply a dead-letter policy to it (messaging README, "Upgrading queues")',
      );
    await ch.prefetch(this.#opts.prefetch);
    this.#ch = ch;
    // During a database outage the consumer stays cancelled; it resumes when the database answers.
    if (this.#databaseWait === null) await this.#consume(ch);
    this.#log.info({ prefetch: this.#opts.prefetch }, 'consumer started');
    await this.#sampleDlq();
    this.#dlqSampler ??= setInterval(() => void this.#sampleDlq(), DLQ_SAMPLE_INTERVAL_MS).unref();
  }

  async #consume(ch: ConfirmChannel): Promise<void> {
    const { consumerTag } = await ch.consume(this.#opts.queue, (msg) => this.#onMessage(ch, msg), {
      noAck: false,
    });
    this.#tag = consumerTag;
    this.#up.set({ queue: this.#opts.queue }, 1);
  }

  /** Reads the DLQ's message count into kavosh_consumer_dlq_messages (skipped while disconnected). */
  async #sampleDlq(): Promise<void> {
    const ch = this.#ch;
    if (!ch || this.#stopping) return;
    try {
      const { messageCount } = await ch.checkQueue(this.topology.dlq.name);
      this.#dlqDepth.set({ queue: this.#opts.queue }, messageCount);
    } catch (err) {
      // The channel closed under us: its own close handler reconnects; the next sample retries.
      this.#log.debug({ err }, 'DLQ depth not sampled');
    }
  }

  /**
   * The user that published msg, as RabbitMQ validated it: its `user_id`, or on this consumer's own
   * retry and DLQ copies (user_id = our user) the publisher recorded on the original.
   */
  #publisherOf(msg: ConsumeMessage): string | undefined {
    const userId: unknown = msg.properties.userId;
    if (typeof userId !== 'string' || userId === '') return undefined;
    if (userId !== this.#broker.user) return userId;
    const headers: unknown = msg.properties.headers;
    const recorded: unknown =
      typeof headers === 'object' && headers !== null
        ? Reflect.get(headers, PUBLISHER_HEADER)
        : undefined;
    if (typeof recorded === 'string') return recorded;
    if (Buffer.isBuffer(recorded)) return recorded.toString('utf8');
    return userId;
  }

  #onMessage(ch: ConfirmChannel, msg: ConsumeMessage | null): void {
    if (!msg) {
      this.#log.warn('consumer cancelled by the broker');
      return;
    }
    const p: Promise<void> = this.#process(ch, msg)
      .catch((err: unknown) => {
        // Not acked: the broker redelivers it when this channel closes.
        this.#log.error({ err }, 'message left unsettled');
      })
      .finally(() => this.#inFlight.delete(p));
    this.#inFlight.add(p);
  }

  async #process(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(msg.content.toString('utf8'));
    } catch {
      return this.#reject(ch, msg, 'not JSON');
    }
    if (!envelopeValidator.Check(body)) {
      return this.#reject(ch, msg, `invalid envelope: ${describeErrors(CloudEventEnvelope, body)}`);
    }
    const event = body;
    const publisher = this.#publisherOf(msg);
    const allowed = allowedPublishers(event.type, this.#publishers);
    if (publisher === undefined || !allowed.includes(publisher)) {
      return this.#reject(
        ch,
        msg,
        `publisher ${publisher ?? '(no user_id)'} may not publish ${producerOf(event.type)} events (${event.type}); allowed: ${allowed.join(', ')}`,
      );
    }
    const handler = Object.hasOwn(this.#opts.handlers, event.type)
      ? this.#opts.handlers[event.type]
      : undefined;
    if (!handler) return this.#reject(ch, msg, `unknown event type ${event.type}`);
    if (!conforms(handler.schema, event)) {
      return this.#reject(
        ch,
        msg,
        `invalid ${event.type}: ${describeErrors(handler.schema, event)}`,
      );
    }
    const attempt = readAttempts(msg.properties.headers);
    const headers: unknown = msg.properties.headers;
    // The relay's publish span (header) is the parent; an event published some other way still
    // continues the trace of the request that wrote it (envelope).
    const headerTraceparent: unknown =
      typeof headers === 'object' && headers !== null
        ? Reflect.get(headers, 'traceparent')
        : undefined;
    const span = startProcessSpan({
      queue: this.#opts.queue,
      type: event.type,
      eventId: event.id,
      traceparent: headerTraceparent ?? event.traceparent,
      attempt,
    });
    const logger = childWithSpan(
      this.#log,
      { eventId: event.id, type: event.type, traceparent: event.traceparent, attempt },
      span,
    );
    const lane = this.#lanes[laneOf(event.subject ?? event.id, this.#lanes.length)];
    if (!lane) throw new Error('consumer lane out of range');
    await new Promise<void>((done) => {
      lane.pending.push({ ch, msg, event, handler, ctx: { logger, attempt }, done, span });
      this.#drain(lane);
    });
  }

  // Group commit: while a lane's transaction runs, arriving messages queue up and go together into
  // its next one (at low rates that is a batch of one, so latency does not change).
  #drain(lane: { pending: Work<Tx>[]; running: boolean }): void {
    if (lane.running || lane.pending.length === 0) return;
    lane.running = true;
    const batch = lane.pending.splice(0, this.#opts.maxBatch ?? 50);
    this.#runBatch(batch)
      .catch((err: unknown) => this.#log.error({ err }, 'consumer batch failed'))
      .finally(() => {
        for (const w of batch) w.done();
        lane.running = false;
        this.#drain(lane);
      });
  }

  async #runBatch(batch: Work<Tx>[]): Promise<void> {
    let outcomes: InboxOutcome[];
    const [first] = batch;
    if (!first) return;
    // One event: its transaction belongs to its own span. Several: a batch span linked to each.
    const batchSpan =
      batch.length > 1
        ? startBatchSpan(
            this.#opts.queue,
            batch.map((w) => w.span),
          )
        : undefined;
    try {
      outcomes = await withSpan(batchSpan ?? first.span, () =>
        this.#opts.prisma.$transaction((tx) => handleInTransaction(tx, this.#opts.queue, batch), {
          timeout:
            (this.#opts.transactionTimeoutMs ?? 10_000) * Math.max(1, Math.ceil(batch.length / 10)),
          isolationLevel: this.#opts.isolationLevel,
        }),
      );
      batchSpan?.end();
    } catch (err) {
      if (batchSpan) endWithError(batchSpan, err);
      if (batch.length === 1 && err instanceof InboxDuplicateError) {
        // Handled before: this run's effects went with the rollback; ack it, no second effect.
        outcomes = [{ kind: 'duplicate' }];
      } else if (batch.length > 1) {
        // In a batch: an outage gives them all back; anything else (a redelivered event among
        // them, too) re-runs each alone so that only the failing event is retried.
        const outage = err instanceof InboxDuplicateError ? null : await this.#outage(err);
        if (outage === 'unreachable') {
          // Held, not requeued: a requeue counts against the delivery limit.
          if (await this.#waitForDatabase(err)) return this.#runBatch(batch);
          for (const w of batch) this.#giveBack(w, err);
          return;
        }
        if (outage === 'transient') {
          await this.#backOff(err);
          for (const w of batch) this.#giveBack(w, err);
          return;
        }
        for (const w of batch) await this.#runBatch([w]);
        return;
      } else {
        const [w] = batch;
        if (w) await this.#fail(w, err);
        return;
      }
    }
    this.#dbBackoffMs = 0;
    for (const [i, w] of batch.entries()) {
      const outcome = outcomes[i];
      if (outcome?.kind === 'handled') {
        this.#settle(w.ch, w.msg, 'ack');
        this.#handled.inc({ queue: this.#opts.queue, type: w.event.type });
        w.span.end();
        this.#opts.onHandled?.(w.event);
      } else if (outcome?.kind === 'duplicate') {
        this.#settle(w.ch, w.msg, 'ack');
        w.ctx.logger.debug('duplicate event skipped');
        w.span.setAttribute('kavosh.duplicate', true);
        w.span.end();
      }
    }
  }

  async #fail(w: Work<Tx>, err: unknown): Promise<void> {
    // An outage is not the event's fault: it spends none of the event's retries.
    const outage = await this.#outage(err);
    if (outage === 'unreachable') {
      if (await this.#waitForDatabase(err)) return this.#runBatch([w]);
      this.#giveBack(w, err);
      return;
    }
    if (outage === 'transient') {
      // The database answers, yet the error says it is unavailable: give the message back after a
      // pause; the delivery limit bounds how often.
      await this.#backOff(err);
      this.#giveBack(w, err);
      return;
    }
    endWithError(w.span, err);
    await this.#retryOrDeadLetter(w.ch, w.msg, w.event.type, err, w.ctx.logger);
  }

  async #retryOrDeadLetter(
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    type: string,
    err: unknown,
    logger: Logger,
  ): Promise<void> {
    this.#failed.inc({ queue: this.#opts.queue, type });
    const decision = decideFailure({
      headers: msg.properties.headers,
      routingKey: msg.fields.routingKey,
      queue: this.#opts.queue,
      error: errorMessage(err),
      retryDelaysMs: this.#opts.retryDelaysMs,
      now: new Date(),
    });
    const target =
      decision.kind === 'retry'
        ? retryQueueFor(this.topology, decision.delayMs)
        : this.topology.dlq.name;
    // Confirmed before the ack: if we die in between, the original is redelivered (the inbox dedupes).
    if (!(await this.#copyOrGiveBack(ch, msg, target, decision.headers, logger))) return;
    this.#settle(ch, msg, 'ack');
    if (decision.kind === 'retry') {
      this.#retried.inc({ queue: this.#opts.queue });
      logger.warn({ err, delayMs: decision.delayMs }, 'event handler failed: retry scheduled');
    } else {
      this.#deadLettered.inc({ queue: this.#opts.queue });
      logger.error({ err }, 'event dead-lettered after its retries');
      await this.#sampleDlq();
    }
  }

  async #reject(ch: ConfirmChannel, msg: ConsumeMessage, reason: string): Promise<void> {
    const headers = rejectHeaders({
      headers: msg.properties.headers,
      routingKey: msg.fields.routingKey,
      queue: this.#opts.queue,
      error: reason,
      now: new Date(),
    });
    if (!(await this.#copyOrGiveBack(ch, msg, this.topology.dlq.name, headers, this.#log))) return;
    this.#settle(ch, msg, 'ack');
    this.#deadLettered.inc({ queue: this.#opts.queue });
    this.#log.error({ reason, messageId: msg.properties.messageId }, 'message rejected to the DLQ');
    await this.#sampleDlq();
  }

  /**
   * Copies the message to a retry queue or the DLQ. When the copy fails on a channel that stays
   * open (refused, or returned because the queue is gone), the original is given back after a
   * pause instead of staying unacked until the channel closes: it is redelivered, and past the
   * delivery limit the broker dead-letters it. Returns whether the copy was confirmed.
   */
  async #copyOrGiveBack(
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    target: string,
    headers: Record<string, unknown>,
    logger: Logger,
  ): Promise<boolean> {
    try {
      await forwardCopy(
        ch,
        msg,
        target,
        { ...headers, [PUBLISHER_HEADER]: this.#publisherOf(msg) },
        this.#broker.user,
      );
      return true;
    } catch (err) {
      logger.error({ err, target }, 'copy of a failed message not confirmed: message requeued');
      await new Promise((resolve) => setTimeout(resolve, COPY_FAILURE_PAUSE_MS));
      this.#settle(ch, msg, 'requeue');
      return false;
    }
  }

  #settle(ch: ConfirmChannel, msg: ConsumeMessage, how: Settle): void {
    // A message is settled on the channel that delivered it; a closed channel means the broker
    // has already put it back in the queue.
    try {
      if (how === 'ack') ch.ack(msg);
      else ch.nack(msg, false, true);
    } catch (err) {
      this.#log.warn({ err }, 'message not settled: channel closed, it will be redelivered');
    }
  }

  #giveBack(w: Work<Tx>, err: unknown): void {
    this.#settle(w.ch, w.msg, 'requeue');
    endWithError(w.span, err);
  }

  /**
   * 'unreachable' when SELECT 1 fails too; 'transient' when the error says the database is
   * unavailable (isTransientError) but it answers; null when the event is at fault.
   */
  async #outage(err: unknown): Promise<'unreachable' | 'transient' | null> {
    if (!(await this.#databaseReachable())) return 'unreachable';
    return (this.#opts.isTransientError ?? isDatabaseUnavailable)(err) ? 'transient' : null;
  }

  /**
   * Stops consuming until the database answers SELECT 1 again, then resumes. The messages already
   * delivered stay unacked in this process and are handled when it is back, so an outage of any
   * length spends no delivery count (requeueing them every few seconds would, and past the
   * delivery limit the broker dead-letters them). One wait is shared by every failing lane.
   * Resolves false when the consumer is stopping instead.
   */
  async #waitForDatabase(err: unknown): Promise<boolean> {
    this.#databaseWait ??= this.#pauseUntilDatabase(err).finally(() => {
      this.#databaseWait = null;
    });
    await this.#databaseWait;
    return !this.#stopping;
  }

  async #pauseUntilDatabase(err: unknown): Promise<void> {
    this.#log.warn({ err }, 'database unavailable: consumer paused, delivered messages held');
    const ch = this.#ch;
    const tag = this.#tag;
    this.#tag = null;
    this.#up.set({ queue: this.#opts.queue }, 0);
    if (ch && tag) await ch.cancel(tag).catch(() => undefined);
    let delayMs = 0;
    const started = Date.now();
    while (!this.#stopping && !(await this.#databaseReachable())) {
      delayMs = Math.min(5_000, Math.max(200, delayMs * 2));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    if (this.#stopping) return;
    // The channel may have been replaced meanwhile; its setup left consuming to us.
    const current = this.#ch;
    if (current && this.#tag === null)
      await this.#consume(current).catch((e: unknown) =>
        this.#log.warn({ err: e }, 'consumer not resumed on this channel: its re-open resumes it'),
      );
    this.#log.info({ pausedMs: Date.now() - started }, 'database back: consumer resumed');
  }

  async #backOff(err: unknown): Promise<void> {
    this.#dbBackoffMs = Math.min(5_000, Math.max(200, this.#dbBackoffMs * 2));
    this.#log.warn({ err, backoffMs: this.#dbBackoffMs }, 'database unavailable: event requeued');
    await new Promise((resolve) => setTimeout(resolve, this.#dbBackoffMs));
  }

  async #databaseReachable(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 2_000);
    });
    const ping = Promise.resolve(
      untraced(() => this.#opts.prisma.$queryRawUnsafe('SELECT 1')),
    ).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** FNV-1a of the key, modulo the lane count: the same subject always lands in the same lane. */
function laneOf(key: string, lanes: number): number {
  if (lanes === 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % lanes;
}

/** Starts a consumer (topology declared, consuming) and keeps it running across reconnects. */
export async function subscribe<Tx extends SqlExecutor>(
  broker: Broker,
  opts: SubscribeOptions<Tx>,
): Promise<Consumer<Tx>> {
  const consumer = new Consumer(broker, opts);
  await consumer.start();
  return consumer;
}
