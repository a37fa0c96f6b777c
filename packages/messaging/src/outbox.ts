import type { CloudEvent } from './event.js';
import type { SqlExecutor } from './sql-client.js';
import { activeTraceparent } from './tracing.js';

/**
 * Writes the event into the outbox in the caller's transaction: it is published if and only if
 * that transaction commits. Call it after the statement that locks the changed entity, so that two
 * events about one subject get their outbox ids in commit order. An event without a traceparent
 * gets the active span's (when tracing is on), so the relay and consumers continue that trace.
 */
export async function publishInTx(tx: SqlExecutor, event: CloudEvent): Promise<void> {
  await tx.$executeRawUnsafe(
    'INSERT INTO outbox (event_id, type, subject, envelope, created_at) VALUES (?, ?, ?, ?, NOW(3))',
    event.id,
    event.type,
    event.subject ?? null,
    JSON.stringify(withTraceparent(event)),
  );
}

function withTraceparent(event: CloudEvent): CloudEvent {
  if (event.traceparent !== undefined) return event;
  const traceparent = activeTraceparent();
  return traceparent ? { ...event, traceparent } : event;
}
