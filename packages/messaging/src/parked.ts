import type { SqlExecutor } from './sql-client.js';

/** An outbox row the relay parked after its last publish try (refused or unroutable). */
export interface ParkedEvent {
  eventId: string;
  type: string;
  subject: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  parkedAt: Date;
}

interface ParkedRow {
  event_id: string;
  type: string;
  subject: string | null;
  attempts: number | bigint;
  last_error: string | null;
  created_at: Date;
  parked_at: Date;
}

/** The parked rows of an outbox, oldest first (up to `limit`, default 1,000). */
export async function listParked(
  db: SqlExecutor,
  opts: { limit?: number } = {},
): Promise<ParkedEvent[]> {
  const rows = await db.$queryRawUnsafe<ParkedRow[]>(
    `SELECT event_id, type, subject, attempts, last_error, created_at, parked_at FROM outbox
     WHERE sent_at IS NULL AND parked_at IS NOT NULL ORDER BY id LIMIT ?`,
    opts.limit ?? 1_000,
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    type: r.type,
    subject: r.subject,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: r.created_at,
    parkedAt: r.parked_at,
  }));
}

/**
 * Hands parked rows (all, or one event's) back to the relay with their tries reset; the relay
 * publishes them at its next poll. Returns how many.
 */
export async function resendParked(
  db: SqlExecutor,
  opts: { eventId?: string } = {},
): Promise<number> {
  return db.$executeRawUnsafe(
    `UPDATE outbox SET parked_at = NULL, attempts = 0, next_attempt_at = NULL
     WHERE sent_at IS NULL AND parked_at IS NOT NULL${opts.eventId === undefined ? '' : ' AND event_id = ?'}`,
    ...(opts.eventId === undefined ? [] : [opts.eventId]),
  );
}
