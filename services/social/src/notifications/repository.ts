import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

type Client = Database | Prisma.TransactionClient;

export interface NotificationRow {
  id: bigint;
  userId: string;
  kind: string;
  actorId: string | null;
  payload: string;
  createdAt: Date;
}

export interface NotificationInsert {
  userId: string;
  kind: string;
  actorId: string | null;
  sourceEventId: string | null;
  payload: string;
}

const SELECT = {
  id: true,
  userId: true,
  kind: true,
  actorId: true,
  payload: true,
  createdAt: true,
} as const;

/** Rows per INSERT when one event notifies many users. */
const INSERT_BATCH = 1_000;

export const insertNotification = (tx: Client, row: NotificationInsert): Promise<NotificationRow> =>
  tx.notification.create({ data: row, select: SELECT });

export async function insertNotifications(tx: Client, rows: NotificationInsert[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const { count } = await tx.notification.createMany({ data: rows.slice(i, i + INSERT_BATCH) });
    inserted += count;
  }
  return inserted;
}

/** The user's notifications, newest first, older than `beforeId` when given. */
export const listNewestFirst = (
  db: Client,
  userId: string,
  beforeId: bigint | null,
  limit: number,
): Promise<NotificationRow[]> =>
  db.notification.findMany({
    where: { userId, ...(beforeId === null ? {} : { id: { lt: beforeId } }) },
    orderBy: { id: 'desc' },
    take: limit,
    select: SELECT,
  });

/** The user's notifications after `afterId`, oldest first (what a reconnecting client missed). */
export const listOldestFirstAfter = (
  db: Client,
  userId: string,
  afterId: bigint,
  limit: number,
): Promise<NotificationRow[]> =>
  db.notification.findMany({
    where: { userId, id: { gt: afterId } },
    orderBy: { id: 'asc' },
    take: limit,
    select: SELECT,
  });

/** What one event created (read after its consumer committed, to deliver them live). */
export const listBySourceEvent = (db: Client, eventId: string): Promise<NotificationRow[]> =>
  db.notification.findMany({
    where: { sourceEventId: eventId },
    orderBy: { id: 'asc' },
    select: SELECT,
  });

export const isOwnedBy = async (db: Client, id: bigint, userId: string): Promise<boolean> =>
  (await db.notification.count({ where: { id, userId } })) > 0;

/** The highest id the user has read (0: none). */
export async function readMarkerOf(db: Client, userId: string): Promise<bigint> {
  const marker = await db.notificationReadMarker.findUnique({
    where: { userId },
    select: { upToId: true },
  });
  return marker?.upToId ?? 0n;
}

/** Moves the marker forward to `upTo`, never back (two tabs reading out of order). */
export async function advanceReadMarker(db: Client, userId: string, upTo: bigint): Promise<void> {
  await db.$executeRaw`
    INSERT INTO notification_read_markers (user_id, up_to_id, updated_at)
    VALUES (${userId}, ${upTo}, CURRENT_TIMESTAMP(3))
    ON DUPLICATE KEY UPDATE
      updated_at = IF(VALUES(up_to_id) > up_to_id, VALUES(updated_at), updated_at),
      up_to_id = GREATEST(up_to_id, VALUES(up_to_id))`;
}

/** Notifications above the marker, counted up to `max` (the index range stops there). */
export const countAbove = (db: Client, userId: string, marker: bigint, max: number) =>
  db.notification.count({ where: { userId, id: { gt: marker } }, take: max });

/** Every notification to the user or caused by them, and their read marker. */
export async function deleteForUser(tx: Client, userId: string): Promise<number> {
  const { count } = await tx.notification.deleteMany({
    where: { OR: [{ userId }, { actorId: userId }] },
  });
  await tx.notificationReadMarker.deleteMany({ where: { userId } });
  return count;
}
