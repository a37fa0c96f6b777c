import type { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../db.js';

export interface ReceivedEvent {
  id: string;
  type: string;
  created: Date;
  payload: string;
  providerCustomerId: string | null;
}

export const providerEventsRepository = {
  /**
   * Records the event (once) and locks its row: a concurrent delivery of the same event waits
   * here, then sees it processed. Returns whether it was processed before.
   */
  async recordAndLock(tx: Prisma.TransactionClient, event: ReceivedEvent): Promise<boolean> {
    await tx.$executeRaw`INSERT IGNORE INTO provider_events
      (id, type, created, payload, provider_customer_id, received_at)
      VALUES (${event.id}, ${event.type}, ${event.created}, ${event.payload},
              ${event.providerCustomerId}, NOW(3))`;
    const [row] = await tx.$queryRaw<{ processed_at: Date | null }[]>`
      SELECT processed_at FROM provider_events WHERE id = ${event.id} FOR UPDATE`;
    return row?.processed_at !== null && row?.processed_at !== undefined;
  },

  markProcessed: (
    tx: Prisma.TransactionClient,
    id: string,
    outcome: string,
    detail: string | null,
    at: Date,
  ) =>
    tx.providerEvent.update({
      where: { id },
      data: { processedAt: at, outcome, detail: detail?.slice(0, 500) ?? null },
    }),

  /** A refused event stays unprocessed (a redelivery is judged again) with why it was refused. */
  async markRefused(db: Database, event: ReceivedEvent, detail: string): Promise<void> {
    await db.providerEvent.upsert({
      where: { id: event.id },
      create: { ...event, outcome: 'refused', detail: detail.slice(0, 500) },
      update: { outcome: 'refused', detail: detail.slice(0, 500) },
    });
  },
};
