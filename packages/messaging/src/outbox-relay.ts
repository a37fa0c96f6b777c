// Over ~300 lines on purpose: the lease, claim, publish, mark and prune steps share one loop state.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Broker } from './connection.js';
import { BrokerUnavailableError, UnroutableError, errorMessage } from './errors.js';
import { counterOn, gaugeOn } from './metrics.js';
import type { SqlExecutor, TransactionOptions, TransactionRunner } from './sql-client.js';
import { DEFAULT_EXCHANGE } from './topology.js';
import {
  endWithError,
  formatTraceparent,
  startPublishSpan,
  traceparentInEnvelope,
  untraced,
} from './tracing.js';
import { trace } from '@opentelemetry/api';

export interface OutboxRelayOptions {
  prisma: SqlExecutor;
  broker: Broker;
  logger: Logger;
  metrics?: Registry;
  exchange?: string;
  /** Rows read and published per cycle. */
  batchSize?: number;
  /** Fallback poll when nobody calls wake() (another process committed, a retry is due). */
  pollIntervalMs?: number;
  /** Sent rows older than this are deleted. */
  retentionHours?: number;
  /** How long a relay holds the publishing lease without renewing it. */
  leaseTtlMs?: number;
  /** Lease row name: relays sharing it take turns; one holder at a time. */
  leaseName?: string;
  /** This relay's identity in outbox_lease.owner. */
  owner?: string;
  pruneIntervalMs?: number;
  /**
   * Publish tries of a row the broker refuses or cannot route before it is parked (kept, skipped
   * by the relay, listed and re-sent by `npm run dlq -- parked`). Broker outages do not count.
   */
  maxPublishAttempts?: number;
}

interface Marking {
  ids: (bigint | number)[];
  done: Promise<void>;
  error: unknown;
}

interface ClaimRow {
  id: bigint | number;
  event_id: string;
  type: string;
  envelope: string;
  attempts: number;
}

const MAX_ERROR_LENGTH = 1000;

/** How often the number of parked rows is counted for kavosh_outbox_parked_events. */
const PARKED_SAMPLE_INTERVAL_MS = 15_000;

/** A write of this relay matched no row: another relay holds the lease now (a newer generation). */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

/**
 * The relay's claim: due rows that are neither sent nor parked, in id order. It walks the index
 * (sent_at, parked_at, id, next_attempt_at) in id order and checks next_attempt_at in the index.
 * `skip` placeholders exclude the batch still being marked sent.
 */
export function claimSql(skip: number): string {
  return `SELECT id, event_id, type, envelope, attempts FROM outbox
       WHERE sent_at IS NULL AND parked_at IS NULL
         AND (next_attempt_at IS NULL OR next_attempt_at <= NOW(3))
       ${skip > 0 ? `AND id NOT IN (${Array.from({ length: skip }, () => '?').join(',')})` : ''}
       ORDER BY id LIMIT ?`;
}

/**
 * Joined into every write of the holder: it matches only while the lease is still its own. A
 * refused write reports 0 rows (the mariadb driver counts matched rows, its foundRows default).
 */
const FENCE = 'JOIN outbox_lease l ON l.name = ? AND l.owner = ? AND l.generation = ?';

/**
 * Publishes committed outbox rows in id order. Relays on one outbox elect a single publisher with a
 * lease row (outbox_lease): the holder reads unsent rows with a plain non-locking SELECT, publishes
 * them pipelined on the confirm channel, then marks them sent. No transaction spans the broker
 * round trip and producers' INSERTs never wait on the relay. See README "Outbox claim protocol".
 */
export class OutboxRelay {
  readonly #db: SqlExecutor;
  readonly #broker: Broker;
  readonly #log: Logger;
  readonly #exchange: string;
  readonly #batchSize: number;
  readonly #pollIntervalMs: number;
  readonly #retentionHours: number;
  readonly #leaseTtlMs: number;
  readonly #leaseName: string;
  readonly #owner: string;
  readonly #pruneIntervalMs: number;
  readonly #maxPublishAttempts: number;
  readonly #published;
  readonly #failures;
  readonly #lag;
  readonly #parked;
  /** The lease generation this relay holds (outbox_lease.generation), matched by its writes. */
  #generation: bigint | number = 0;
  #parkedSampledAt = 0;
  #running = false;
  #marking: Marking | null = null;
  #loop: Promise<void> | null = null;
  #wakeUp: (() => void) | null = null;
  #woken = false;
  #leaseUntil = 0;
  #leaseCheckedAt = 0;
  #prunedAt = 0;
  #lagAt = 0;

  constructor(opts: OutboxRelayOptions) {
    this.#db = opts.prisma;
    this.#broker = opts.broker;
    this.#log = opts.logger.child({ component: 'outbox-relay' });
    this.#exchange = opts.exchange ?? DEFAULT_EXCHANGE;
    this.#batchSize = opts.batchSize ?? 500;
    this.#pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.#retentionHours = opts.retentionHours ?? 72;
    this.#leaseTtlMs = opts.leaseTtlMs ?? 15_000;
    this.#leaseName = opts.leaseName ?? 'relay';
    this.#owner = (
      opts.owner ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`
    ).slice(0, 100);
    this.#pruneIntervalMs = opts.pruneIntervalMs ?? 60_000;
    this.#maxPublishAttempts = Math.max(1, opts.maxPublishAttempts ?? 10);
    this.#published = counterOn(
      opts.metrics,
      'kavosh_outbox_published_total',
      'Outbox events confirmed by the broker',
      [],
    );
    this.#failures = counterOn(
      opts.metrics,
      'kavosh_outbox_publish_failures_total',
      'Outbox events the broker did not take (kept unsent)',
      ['reason'],
    );
    this.#lag = gaugeOn(
      opts.metrics,
      'kavosh_outbox_lag_seconds',
      'How long the next due outbox event has waited since it became due (0 when none)',
    );
    this.#parked = gaugeOn(
      opts.metrics,
      'kavosh_outbox_parked_events',
      'Outbox events parked after their last publish try (npm run dlq -- parked list)',
    );
    this.#parked.set(0);
  }

  /** True while this relay holds the publishing lease. */
  get isLeader(): boolean {
    return this.#leaseUntil > Date.now();
  }

  /** Starts the publishing loop (idempotent). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    // The loop's own queries are not traced; each published event gets a span in its own trace.
    this.#loop = untraced(() => this.#run());
  }

  /** Publishes now instead of at the next poll: call it right after a commit that wrote events. */
  wake(): void {
    this.#woken = true;
    this.#wakeUp?.();
  }

  /** Runs an interactive transaction on `prisma` and wakes the relay once it has committed. */
  async transaction<Tx extends SqlExecutor, R>(
    prisma: TransactionRunner<Tx>,
    fn: (tx: Tx) => Promise<R>,
    options?: TransactionOptions,
  ): Promise<R> {
    const result = await prisma.$transaction(fn, options);
    this.wake();
    return result;
  }

  /** Stops after the current cycle and hands the lease over at once. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.wake();
    await this.#loop;
    await this.#settleMarking().catch((err: unknown) =>
      this.#log.warn({ err }, 'relay final mark failed'),
    );
    if (this.#leaseUntil > 0) {
      this.#leaseUntil = 0;
      await this.#db
        .$executeRawUnsafe(
          'UPDATE outbox_lease SET expires_at = NOW(3) WHERE name = ? AND owner = ?',
          this.#leaseName,
          this.#owner,
        )
        .then(undefined, (err: unknown) => this.#log.warn({ err }, 'relay lease release failed'));
    }
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (this.#running) {
      let more = false;
      try {
        if (await this.#holdLease()) {
          // The last batch's UPDATE … sent_at may still be running: the next cycle skips its rows,
          // so a wake-up right after a commit does not also wait for that round trip.
          more = await this.#cycle();
          await this.#housekeeping();
        }
        failures = 0;
      } catch (err) {
        if (err instanceof LeaseLostError) {
          // Another relay took over while this cycle ran: stop publishing, re-check the lease.
          this.#leaseUntil = 0;
          this.#leaseCheckedAt = 0;
          this.#lag.set(0);
          this.#log.warn({ owner: this.#owner }, 'relay lease lost: its writes were refused');
        } else {
          failures += 1;
          this.#log.warn({ err, failures }, 'relay cycle failed');
        }
      }
      if (!more) await this.#idle(failures > 0);
    }
  }

  #idle(afterFailure: boolean): Promise<void> {
    if (this.#woken && !afterFailure) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wakeUp = null;
        this.#woken = false;
        resolve();
      };
      const timer = setTimeout(done, this.#pollIntervalMs);
      // After a failure only the poll (or stop) ends the wait, so an outage is not hammered.
      this.#wakeUp = afterFailure ? () => (this.#running ? undefined : done()) : done;
    });
  }

  async #holdLease(): Promise<boolean> {
    const now = Date.now();
    const held = this.#leaseUntil > now;
    if (now - this.#leaseCheckedAt < this.#leaseTtlMs / 3) return held;
    this.#leaseCheckedAt = now;
    // Take the lease if it is ours or expired; the database clock decides, not ours. Taking it
    // over (or back after it expired) starts a new generation, which fences off the writes of
    // whoever held it before. Single-table UPDATE: assignments run left to right, so the
    // generation is decided on the old owner and expiry.
    const ttlUs = this.#leaseTtlMs * 1000;
    const taken = await this.#db.$executeRawUnsafe(
      `UPDATE outbox_lease
       SET generation = IF(owner = ? AND expires_at >= NOW(3), generation, generation + 1),
           owner = ?, expires_at = NOW(3) + INTERVAL ? MICROSECOND
       WHERE name = ? AND (owner = ? OR expires_at < NOW(3))`,
      this.#owner,
      this.#owner,
      ttlUs,
      this.#leaseName,
      this.#owner,
    );
    if (taken === 0) {
      // No row yet (first relay ever) — or someone else holds it, and then this is a no-op.
      await this.#db.$executeRawUnsafe(
        'INSERT IGNORE INTO outbox_lease (name, owner, expires_at, generation) VALUES (?, ?, NOW(3) + INTERVAL ? MICROSECOND, 1)',
        this.#leaseName,
        this.#owner,
        ttlUs,
      );
    }
    const rows = await this.#db.$queryRawUnsafe<{ owner: string; generation: bigint | number }[]>(
      'SELECT owner, generation FROM outbox_lease WHERE name = ?',
      this.#leaseName,
    );
    const mine = rows[0]?.owner === this.#owner;
    if (mine && rows[0]) this.#generation = rows[0].generation;
    // Our local deadline starts before the database's, and keeps a margin for clock drift.
    this.#leaseUntil = mine ? now + this.#leaseTtlMs * 0.8 : 0;
    // Only the publisher measures the lag: a replica that lost the lease must not keep a stale one.
    if (!mine) this.#lag.set(0);
    if (mine !== held)
      this.#log.info({ owner: this.#owner }, mine ? 'relay lease acquired' : 'relay lease lost');
    return mine;
  }

  async #cycle(): Promise<boolean> {
    if (!this.#broker.connected) return false;
    // The previous batch is confirmed but maybe not marked yet: skip exactly those rows. (Skipping
    // "id > last" instead could overtake a same-subject row that committed late.)
    const skip = this.#marking?.ids ?? [];
    const rows = await this.#db.$queryRawUnsafe<ClaimRow[]>(
      claimSql(skip.length),
      ...skip,
      this.#batchSize,
    );
    if (rows.length === 0) {
      // Nothing new: settle the last marking now, so a failed one is seen (and its rows re-read).
      await this.#settleMarking();
      return false;
    }
    // All publishes go out back to back on one channel (in id order); then we await the confirms.
    const results = await Promise.allSettled(rows.map((row) => this.#publish(row)));
    const sent: (bigint | number)[] = [];
    for (const [i, result] of results.entries()) {
      const row = rows[i];
      if (!row) continue;
      if (result.status === 'fulfilled') sent.push(row.id);
      else await this.#markFailed(row, result.reason);
    }
    // At most one batch is being marked while the next one is read and published.
    await this.#settleMarking();
    if (sent.length > 0) this.#startMarking(sent);
    return rows.length === this.#batchSize && sent.length > 0;
  }

  /**
   * Publishes one row under a PRODUCER span that continues the trace of the request that wrote it;
   * the message's traceparent header names that span, so the consumer becomes its child.
   */
  async #publish(row: ClaimRow): Promise<void> {
    const span = startPublishSpan({
      exchange: this.#exchange,
      type: row.type,
      eventId: row.event_id,
      traceparent: traceparentInEnvelope(row.envelope),
    });
    const spanContext = span.spanContext();
    try {
      await this.#broker.publish(this.#exchange, row.type, Buffer.from(row.envelope), {
        messageId: row.event_id,
        type: row.type,
        ...(trace.isSpanContextValid(spanContext)
          ? { headers: { traceparent: formatTraceparent(spanContext) } }
          : {}),
      });
      span.end();
    } catch (err) {
      endWithError(span, err);
      throw err;
    }
  }

  #startMarking(ids: (bigint | number)[]): void {
    const marking: Marking = { ids, error: undefined, done: Promise.resolve() };
    marking.done = Promise.resolve(
      this.#db.$executeRawUnsafe(
        `UPDATE outbox o ${FENCE} SET o.sent_at = NOW(3) WHERE o.id IN (${ids.map(() => '?').join(',')})`,
        ...this.#fence(),
        ...ids,
      ),
    ).then(
      (n) => {
        // 0 rows: the lease changed hands; the new holder publishes (again) and marks them.
        if (n === 0) marking.error = new LeaseLostError('marking sent refused: lease taken over');
        else this.#published.inc(ids.length);
      },
      (err: unknown) => void (marking.error = err ?? new Error('marking failed')),
    );
    this.#marking = marking;
  }

  #fence(): unknown[] {
    return [this.#leaseName, this.#owner, this.#generation];
  }

  /** Waits for the batch being marked sent; throws if marking failed (the rows get published again). */
  async #settleMarking(): Promise<void> {
    const marking = this.#marking;
    if (!marking) return;
    await marking.done;
    this.#marking = null;
    if (marking.error !== undefined) throw marking.error;
  }

  async #markFailed(row: ClaimRow, err: unknown): Promise<void> {
    const reason =
      err instanceof UnroutableError
        ? 'unroutable'
        : err instanceof BrokerUnavailableError
          ? 'unavailable'
          : 'not_confirmed';
    this.#failures.inc({ reason });
    // A broker outage is retried as soon as it is back; a message the broker refused backs off.
    const backoff = reason !== 'unavailable';
    if (reason === 'unavailable')
      this.#log.warn({ err, eventId: row.event_id }, 'outbox publish failed');
    // No queue is bound for the type yet (its consumer is not deployed): the event waits, and is
    // delivered once one binds. Expected during a rollout or in a partial stack, so no stack trace.
    else if (reason === 'unroutable')
      this.#log.warn(
        { eventId: row.event_id, type: row.type },
        'outbox event has no queue bound for its type yet: kept, retried with backoff',
      );
    else
      this.#log.error(
        { err, eventId: row.event_id, type: row.type },
        'outbox event not accepted by the broker',
      );
    // A refused or unroutable row is parked after its last try: it no longer costs the claim a
    // retry every 5 minutes, and waits for `npm run dlq -- parked resend`. An outage is not the
    // row's fault and spends none of its tries.
    const attempts = Number(row.attempts) + (backoff ? 1 : 0);
    const park = backoff && attempts >= this.#maxPublishAttempts;
    // Values from the row as read (multi-table UPDATE assignments have no defined order); only
    // the lease holder writes them, and the fence makes sure it still is.
    const updated = await this.#db.$executeRawUnsafe(
      `UPDATE outbox o ${FENCE}
       SET o.next_attempt_at = ${backoff ? 'NOW(3) + INTERVAL ? SECOND' : 'NULL'},
           o.parked_at = ${park ? 'NOW(3)' : 'NULL'}, o.attempts = ?, o.last_error = ?
       WHERE o.id = ?`,
      ...this.#fence(),
      ...(backoff ? [Math.min(2 ** Number(row.attempts), 300)] : []),
      attempts,
      errorMessage(err).slice(0, MAX_ERROR_LENGTH),
      row.id,
    );
    if (updated === 0) throw new LeaseLostError('marking failed refused: lease taken over');
    if (park) {
      this.#parkedSampledAt = 0;
      this.#log.warn(
        { eventId: row.event_id, type: row.type, attempts },
        'outbox event parked after its last publish try: npm run dlq -- parked list',
      );
    }
  }

  async #housekeeping(): Promise<void> {
    const now = Date.now();
    if (now - this.#lagAt >= 1000) {
      this.#lagAt = now;
      // The next row the claim would take, and how long it has been due: a row backing off (not
      // due) or parked does not count, so the lag means a stalled relay or broker.
      const rows = await this.#db.$queryRawUnsafe<{ lag: bigint | number | null }[]>(
        `SELECT TIMESTAMPDIFF(MICROSECOND, COALESCE(next_attempt_at, created_at), NOW(3)) AS lag
         FROM outbox WHERE sent_at IS NULL AND parked_at IS NULL
           AND (next_attempt_at IS NULL OR next_attempt_at <= NOW(3))
         ORDER BY id LIMIT 1`,
      );
      this.#lag.set(Math.max(0, Number(rows[0]?.lag ?? 0)) / 1e6);
    }
    if (now - this.#parkedSampledAt >= PARKED_SAMPLE_INTERVAL_MS) {
      this.#parkedSampledAt = now;
      const rows = await this.#db.$queryRawUnsafe<{ n: bigint | number }[]>(
        'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND parked_at IS NOT NULL',
      );
      this.#parked.set(Number(rows[0]?.n ?? 0));
    }
    if (now - this.#prunedAt >= this.#pruneIntervalMs) {
      this.#prunedAt = now;
      await this.prune();
    }
  }

  /** Deletes sent rows older than the retention, in chunks. Returns how many went. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.#db.$executeRawUnsafe(
        'DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < NOW(3) - INTERVAL ? HOUR ORDER BY sent_at LIMIT 5000',
        this.#retentionHours,
      );
      total += n;
      if (n < 5000 || !this.#running) return total;
    }
  }
}
