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
 * Inside one transaction, for each item: record it in the inbox and run its handler. Committing
 * many events at once is what lets a consumer keep up (MEASURED.md: a Prisma interactive
 * transaction costs ≈ 1 ms of CPU). Any failure throws and rolls back the whole batch; the
 * consumer then handles each item alone, so a failing event never takes others' effects with it.
 */
export async function handleInTransaction<Tx extends SqlExecutor>(
  tx: Tx,
  consumer: string,
  items: readonly InboxItem<Tx>[],
): Promise<InboxOutcome[]> {
  const outcomes: InboxOutcome[] = [];
  for (const item of items) {
    const inserted = await tx.$executeRawUnsafe(
      'INSERT IGNORE INTO inbox (consumer, event_id, processed_at) VALUES (?, ?, NOW(3))',
      consumer,
      item.event.id,
    );
    // Already in the inbox: handled before (or earlier in this batch); no second effect.
    if (inserted === 0) {
      outcomes.push({ kind: 'duplicate' });
      continue;
    }
    const { span } = item;
    if (span) await withSpan(span, () => item.handler.handle(item.event, tx, item.ctx));
    else await item.handler.handle(item.event, tx, item.ctx);
    outcomes.push({ kind: 'handled' });
  }
  return outcomes;
}
