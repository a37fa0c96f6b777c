import type { Logger } from 'pino';
import type { Database } from '../db.js';
import { decodeCursor, encodeCursor, InvalidCursor } from '../feed/cursor.js';
import type { Prisma } from '../generated/prisma/client.js';
import { NotificationNotFound } from './errors.js';
import * as repo from './repository.js';
import type {
  MarkReadBody,
  NewNotification,
  Notification,
  NotificationListQuery,
  NotificationPage,
  UnreadCount,
} from './schemas.js';

type Tx = Prisma.TransactionClient;

/** Called after commit for each new notification; the live delivery hook (wired in app.ts). */
export type OnNotificationCreated = (userId: string, notification: Notification) => void;

/** Unread counts stop here: a badge shows "999+" long before, and the count stays one index range. */
export const UNREAD_COUNT_MAX = 1_000;

const CURSOR_SCOPE = 'notifications';

/** The id a notifications cursor stands after; InvalidCursor unless it is one. */
function positionOf(cursor: string): bigint {
  const [id] = decodeCursor(cursor, CURSOR_SCOPE, ['string'] as const);
  if (!/^[1-9][0-9]{0,18}$/.test(id)) throw new InvalidCursor();
  return BigInt(id);
}

export function toNotification(row: repo.NotificationRow, readUpTo: bigint): Notification {
  return {
    id: row.id.toString(),
    kind: row.kind,
    data: JSON.parse(row.payload) as unknown,
    createdAt: row.createdAt.toISOString(),
    read: row.id <= readUpTo,
  } as Notification;
}

const insertOf = (
  item: NewNotification,
  sourceEventId: string | null,
): repo.NotificationInsert => ({
  userId: item.userId,
  kind: item.kind,
  actorId: item.actorId ?? null,
  sourceEventId,
  payload: JSON.stringify(item.data),
});

/**
 * The one way notifications are created: inside the caller's transaction, then delivered live
 * (onCreated) only after that transaction committed, so a rolled-back change never reaches a
 * socket and a redelivered event (inbox duplicate) never reaches it twice.
 */
export function createNotifier(deps: {
  db: Database;
  logger: Logger;
  onCreated?: OnNotificationCreated | undefined;
}) {
  const { db, logger } = deps;
  const deliver = (notifications: readonly Notification[], userIds: readonly string[]) => {
    if (!deps.onCreated) return;
    notifications.forEach((notification, i) => {
      try {
        deps.onCreated?.(userIds[i] ?? '', notification);
      } catch (err) {
        logger.warn({ err, notificationId: notification.id }, 'live delivery hook failed');
      }
    });
  };
  return {
    /** One notification a route creates in its transaction; pass the result to deliver() after commit. */
    async createInTx(
      tx: Tx,
      item: NewNotification,
    ): Promise<{ userId: string; notification: Notification }> {
      const row = await repo.insertNotification(tx, insertOf(item, null));
      return { userId: row.userId, notification: toNotification(row, 0n) };
    },
    /** Notifications an event creates, in its consumer's transaction (batched inserts). */
    async createFromEvent(
      tx: Tx,
      eventId: string,
      items: readonly NewNotification[],
    ): Promise<number> {
      return repo.insertNotifications(
        tx,
        items.map((item) => insertOf(item, eventId)),
      );
    },
    /** After commit: hands created notifications to the live delivery hook. */
    deliver(created: readonly { userId: string; notification: Notification }[]): void {
      deliver(
        created.map((c) => c.notification),
        created.map((c) => c.userId),
      );
    },
    /** After an event's consumer committed (not for a duplicate): delivers what it created. */
    async deliverEvent(eventId: string): Promise<void> {
      if (!deps.onCreated) return;
      const rows = await repo.listBySourceEvent(db, eventId);
      deliver(
        rows.map((row) => toNotification(row, 0n)),
        rows.map((row) => row.userId),
      );
    },
  };
}
export type Notifier = ReturnType<typeof createNotifier>;

/** The user's notifications after `afterId`, oldest first: what a reconnecting client missed. */
export async function listNotificationsAfter(
  db: Database,
  userId: string,
  afterId: string | bigint,
  limit: number,
): Promise<Notification[]> {
  const [rows, marker] = await Promise.all([
    repo.listOldestFirstAfter(db, userId, BigInt(afterId), limit),
    repo.readMarkerOf(db, userId),
  ]);
  return rows.map((row) => toNotification(row, marker));
}

/** The caller's notifications: list, unread count, mark read. Every query is by the caller's id. */
export function createNotificationsService({ db }: { db: Database }) {
  return {
    async list(userId: string, query: NotificationListQuery): Promise<NotificationPage> {
      const before = query.cursor === undefined ? null : positionOf(query.cursor);
      const [rows, marker] = await Promise.all([
        repo.listNewestFirst(db, userId, before, query.limit + 1),
        repo.readMarkerOf(db, userId),
      ]);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => toNotification(row, marker)),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor(CURSOR_SCOPE, [last.id.toString()])
            : null,
      };
    },

    async unreadCount(userId: string): Promise<UnreadCount> {
      const marker = await repo.readMarkerOf(db, userId);
      return {
        count: await repo.countAbove(db, userId, marker, UNREAD_COUNT_MAX),
        max: UNREAD_COUNT_MAX,
      };
    },

    /** Marks read every notification of the caller up to one of theirs (404 for anyone else's). */
    async markRead(userId: string, body: MarkReadBody): Promise<UnreadCount> {
      const upTo = BigInt(body.upTo);
      if (!(await repo.isOwnedBy(db, upTo, userId))) throw new NotificationNotFound(body.upTo);
      await repo.advanceReadMarker(db, userId, upTo);
      return this.unreadCount(userId);
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
