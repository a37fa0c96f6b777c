import type { Span } from '@opentelemetry/api';
import type { EventHandler, HandlerContext } from './handler.js';
import type { SqlExecutor } from './sql-client.js';
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
 * Thrown when a batch's inbox INSERT IGNORE skipped a row: one of its events was handled before (a
 * redelivery) or appears twice in the batch. The consumer rolls the batch back and runs each event
 * alone, where the single-row insert tells exactly which one is the duplicate.
 */
export class InboxDuplicateInBatchError extends Error {
  constructor(expected: number, inserted: number) {
    super(`inbox: ${expected - inserted} of ${expected} events in the batch were already recorded`);
    this.name = 'InboxDuplicateInBatchError';
  }
}

/**
 * Inside one transaction: record every item in the inbox, then run the handlers in delivery order.
 * Committing many events at once is what lets a consumer keep up (MEASURED.md: a Prisma interactive
 * transaction costs ≈ 1 ms of CPU). A batch writes its inbox rows with one multi-row INSERT IGNORE
 * (one round trip, not one per event); if any row already existed it throws
 * InboxDuplicateInBatchError. Any failure rolls back the whole batch; the consumer then handles
 * each item alone, so a failing event never takes others' effects with it.
 */
export async function handleInTransaction<Tx extends SqlExecutor>(
  tx: Tx,
  consumer: string,
  items: readonly InboxItem<Tx>[],
): Promise<InboxOutcome[]> {
  const [only] = items;
  if (items.length === 1 && only) {
    const inserted = await tx.$executeRawUnsafe(
      'INSERT IGNORE INTO inbox (consumer, event_id, processed_at) VALUES (?, ?, NOW(3))',
      consumer,
      only.event.id,
    );
    // Already in the inbox: handled before; no second effect.
    if (inserted === 0) return [{ kind: 'duplicate' }];
    await runHandler(tx, only);
    return [{ kind: 'handled' }];
  }
  const inserted = await tx.$executeRawUnsafe(
    `INSERT IGNORE INTO inbox (consumer, event_id, processed_at) VALUES ${items.map(() => '(?, ?, NOW(3))').join(', ')}`,
    ...items.flatMap((item) => [consumer, item.event.id]),
  );
  if (inserted !== items.length) throw new InboxDuplicateInBatchError(items.length, inserted);
  for (const item of items) await runHandler(tx, item);
  return items.map(() => ({ kind: 'handled' }));
}

async function runHandler<Tx>(tx: Tx, item: InboxItem<Tx>): Promise<void> {
  const { span } = item;
  if (span) await withSpan(span, () => item.handler.handle(item.event, tx, item.ctx));
  else await item.handler.handle(item.event, tx, item.ctx);
}
