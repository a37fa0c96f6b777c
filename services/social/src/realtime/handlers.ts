import { chatMessagesAfter, typingRecipientOf } from '../chat/index.js';
import type { Database } from '../db.js';
import { isPublished } from '../movies/index.js';
import { listNotificationsAfter } from '../notifications/index.js';
import type { ProtocolHandlers } from './hub.js';
import type { PushMessage } from './schemas.js';

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
    roomExists: (room) => isPublished(db, room.slice('movie:'.length)),
  };
}
