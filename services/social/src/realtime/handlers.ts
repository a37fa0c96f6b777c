import { chatMessagesAfter, typingRecipientOf } from '../chat/index.js';
import type { Database } from '../db.js';
import { isPublished } from '../movies/index.js';
import { listNotificationsAfter } from '../notifications/index.js';
import type { ProtocolHandlers } from './hub.js';
import type { PushMessage, RoomName } from './schemas.js';

/** How long a room's existence is remembered: a movie unpublished since may be joined this late. */
const ROOM_CACHE_MS = 5_000;
const ROOM_CACHE_MAX = 10_000;

/**
 * Whether a room exists, remembered briefly and asked once at a time per room: a thousand
 * clients joining a popular movie at once make one query, not a thousand waiting for the pool.
 */
function cachedRoomExists(exists: (room: RoomName) => Promise<boolean>, now = Date.now) {
  const known = new Map<RoomName, { exists: boolean; until: number }>();
  const asking = new Map<RoomName, Promise<boolean>>();
  return async (room: RoomName): Promise<boolean> => {
    const hit = known.get(room);
    if (hit && hit.until > now()) return hit.exists;
    let pending = asking.get(room);
    if (!pending) {
      pending = exists(room).then((answer) => {
        if (known.size >= ROOM_CACHE_MAX) known.clear();
        known.set(room, { exists: answer, until: now() + ROOM_CACHE_MS });
        return answer;
      });
      asking.set(room, pending);
      // A failure is not remembered: the next subscribe asks again.
      pending.finally(() => asking.delete(room)).catch(() => undefined);
    }
    return pending;
  };
}

/** How the socket protocol reaches social's features: replay, typing, rooms. */
export function socialProtocolHandlers(db: Database): ProtocolHandlers {
  return {
    async resume(userId, frame, limit) {
      // One more than replayed: whether the replay is all the client missed.
      const [notifications, messages] = await Promise.all([
        frame.notificationsAfter === undefined
          ? []
          : listNotificationsAfter(db, userId, frame.notificationsAfter, limit + 1),
        frame.chatAfter === undefined
          ? []
          : chatMessagesAfter(db, userId, frame.chatAfter, limit + 1),
      ]);
      const frames: PushMessage[] = [
        ...notifications
          .slice(0, limit)
          .map((notification) => ({ type: 'notification.created' as const, notification })),
        ...messages.slice(0, limit).map((message) => ({ type: 'chat.message' as const, message })),
      ];
      return { frames, complete: notifications.length <= limit && messages.length <= limit };
    },
    typingRecipient: (userId, conversationId) => typingRecipientOf(db, userId, conversationId),
    roomExists: cachedRoomExists((room) => isPublished(db, room.slice('movie:'.length))),
  };
}
