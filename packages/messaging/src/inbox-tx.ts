import type { Span } from '@opentelemetry/api';
import type { EventHandler, HandlerContext } from './handler.js';
import { pipelines, type SqlExecutor } from './sql-client.js';
import { withSpan } from './tracing.js';

export interface InboxItem<Tx> {
  event: { id: string };
  handler: EventHandler<Tx>;
  ctx: HandlerContext;
  /** The event's CONSUMER span: its handler runs under it (queries, events it publishes). */
  span?: Span;
}

export type InboxOutcome = { kind: 'handled' } | { kind: 'duplicate' };

/**
 * Thrown (rolling the transaction back) when the inbox INSERT IGNORE skipped a row: an event was
 * handled before (a redelivery) or appears twice in the batch. The consumer acks a lone event as a
 * duplicate, and re-runs a batch one event at a time, where the insert tells the duplicate apart.
 */
export class InboxDuplicateError extends Error {
  constructor(expected: number, inserted: number) {
    super(`inbox: ${expected - inserted} of ${expected} events were already recorded`);
    this.name = 'InboxDuplicateError';
  }
}

/**
 * Inside one transaction: record every item in the inbox and run the handlers in delivery order.
 * Committing many events at once is what lets a consumer keep up (MEASURED.md: a Prisma interactive
 * transaction costs ≈ 1 ms of CPU). The inbox rows go in with one multi-row INSERT IGNORE. On a
 * pipelining connection (poolRunner) it is sent ahead of the handlers' statements without waiting
 * for its answer (they run in order on the connection; the round trip overlaps the handlers); on a
 * Prisma transaction it is awaited first. If the insert skipped a row the handlers' effects must
 * not commit: it throws InboxDuplicateError, whatever the handlers did (an effect that failed
 * because it already existed is that duplicate, not a handler bug). Any failure rolls back the
 * whole batch; the consumer then handles each item alone, so a failing event never takes others'
 * effects with it. On a pool, handlers may therefore run for an event handled before, in a
 * transaction that is rolled back: they must keep every effect in `tx`.
 */
export async function handleInTransaction<Tx extends SqlExecutor>(
  tx: Tx,
  consumer: string,
  items: readonly InboxItem<Tx>[],
): Promise<InboxOutcome[]> {
  const insert = (): PromiseLike<number> =>
    tx.$executeRawUnsafe(
      `INSERT IGNORE INTO inbox (consumer, event_id, processed_at) VALUES ${items.map(() => '(?, ?, NOW(3))').join(', ')}`,
      ...items.flatMap((item) => [consumer, item.event.id]),
    );
  if (!pipelines(tx)) {
    // A Prisma transaction: one statement at a time, the inbox first.
    const inserted = await insert();
    if (inserted !== items.length) throw new InboxDuplicateError(items.length, inserted);
    for (const item of items) await runHandler(tx, item);
    return items.map(() => ({ kind: 'handled' }));
  }
  // A pipelining connection (poolRunner): sent now, answered while the handlers run.
  const recorded = Promise.resolve(insert());
  const handled = (async () => {
    for (const item of items) await runHandler(tx, item);
  })();
  const [inserted, handlers] = await Promise.allSettled([recorded, handled]);
  if (inserted.status === 'rejected') throw inserted.reason;
  if (inserted.value !== items.length) throw new InboxDuplicateError(items.length, inserted.value);
  if (handlers.status === 'rejected') throw handlers.reason;
  return items.map(() => ({ kind: 'handled' }));
}

async function runHandler<Tx>(tx: Tx, item: InboxItem<Tx>): Promise<void> {
  const { span } = item;
  if (span) await withSpan(span, () => item.handler.handle(item.event, tx, item.ctx));
  else await item.handler.handle(item.event, tx, item.ctx);
}
