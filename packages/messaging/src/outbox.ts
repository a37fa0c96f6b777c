import type { CloudEvent } from './event.js';
import type { SqlExecutor } from './sql-client.js';

/**
 * Writes the event into the outbox in the caller's transaction: it is published if and only if
 * that transaction commits. Call it after the statement that locks the changed entity, so that two
 * events about one subject get their outbox ids in commit order.
 */
export async function publishInTx(tx: SqlExecutor, event: CloudEvent): Promise<void> {
  await tx.$executeRawUnsafe(
    'INSERT INTO outbox (event_id, type, subject, envelope, created_at) VALUES (?, ?, ?, ?, NOW(3))',
    event.id,
    event.type,
    event.subject ?? null,
    JSON.stringify(event),
  );
}
