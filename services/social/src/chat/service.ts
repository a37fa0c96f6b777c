import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db.js';
import { isBlockedEitherWay } from '../blocks/index.js';
import type { PushMessage, RealtimeHub } from '../realtime/index.js';
import { findProfiles, profileExists } from '../profiles/index.js';
import {
  CannotChatWithSelf,
  ChatBlocked,
  ChatUserNotFound,
  ConversationClosed,
  ConversationNotFound,
} from './errors.js';
import {
  findConversationFor,
  getOrCreateConversation,
  insertMessage,
  listConversations,
  listMessages,
  markRead,
  messagesAfterFor,
  messagesByIds,
  participantsOf,
  type ConversationRow,
  type MessageRow,
} from './repository.js';
import type {
  ChatMessage,
  Conversation,
  ConversationList,
  ConversationsQuery,
  MessageCreateBody,
  MessageList,
  MessagesQuery,
  ReadMarker,
} from './schemas.js';

export interface ChatServiceOptions {
  db: Database;
  /** Live delivery to both participants' sockets, on any replica. */
  live: Pick<RealtimeHub, 'pushToUser'>;
  logger: Logger;
  now?: () => Date;
}

export const toChatMessage = (row: MessageRow): ChatMessage => ({
  id: row.id.toString(),
  conversationId: row.conversationId,
  senderId: row.senderId,
  body: row.body,
  createdAt: row.createdAt.toISOString(),
});

type Names = Map<string, { displayName: string; initials: string }>;

function toConversation(
  row: ConversationRow,
  last: MessageRow | undefined,
  names: Names,
): Conversation {
  const other = row.otherUserId === null ? undefined : names.get(row.otherUserId);
  return {
    id: row.id,
    otherUser:
      row.otherUserId === null
        ? null
        : {
            id: row.otherUserId,
            displayName: other?.displayName ?? null,
            initials: other?.initials ?? null,
          },
    createdAt: row.createdAt.toISOString(),
    lastMessage: last ? toChatMessage(last) : null,
    unreadCount: row.unreadCount,
    lastReadMessageId: row.lastReadMessageId.toString(),
  };
}

export function createChatService({
  db,
  live,
  logger,
  now = () => new Date(),
}: ChatServiceOptions) {
  /**
   * After the commit, at most once: a socket that misses it gets the message back from the
   * database on its next resume, so a Redis failure only costs liveness.
   */
  function push(userIds: string[], message: PushMessage): void {
    for (const userId of userIds) {
      live.pushToUser(userId, message).catch((err: unknown) => {
        logger.warn({ err, type: message.type }, 'live chat delivery failed');
      });
    }
  }

  /** The views of a page: last messages and the other users' names in one query each. */
  async function withLastMessages(rows: ConversationRow[]): Promise<Conversation[]> {
    const lastIds = rows.flatMap((row) => (row.lastMessageId === null ? [] : [row.lastMessageId]));
    const otherIds = rows.flatMap((row) => (row.otherUserId === null ? [] : [row.otherUserId]));
    const [lastMessages, names] = await Promise.all([
      messagesByIds(db, lastIds),
      findProfiles(db, otherIds),
    ]);
    const last = new Map(lastMessages.map((m) => [m.id, m]));
    return rows.map((row) =>
      toConversation(
        row,
        row.lastMessageId === null ? undefined : last.get(row.lastMessageId),
        names,
      ),
    );
  }

  async function requireConversation(userId: string, conversationId: string) {
    const row = await findConversationFor(db, userId, conversationId);
    if (!row) throw new ConversationNotFound();
    return row;
  }

  return {
    /** The conversation between the caller and `otherId`, created on first use. */
    async open(
      userId: string,
      otherId: string,
    ): Promise<{ conversation: Conversation; created: boolean }> {
      if (userId === otherId) throw new CannotChatWithSelf();
      if (!(await profileExists(db, otherId))) throw new ChatUserNotFound();
      if (await isBlockedEitherWay(db, userId, otherId)) throw new ChatBlocked();
      const { id, created } = await db.$transaction((tx) =>
        getOrCreateConversation(tx, randomUUID(), userId, otherId, now()),
      );
      const [conversation] = await withLastMessages([await requireConversation(userId, id)]);
      if (!conversation) throw new ConversationNotFound();
      return { conversation, created };
    },

    async list(userId: string, query: ConversationsQuery): Promise<ConversationList> {
      const [at, conversationId] = query.cursor?.split('_') ?? [];
      const after = at && conversationId ? { at: new Date(Number(at)), conversationId } : null;
      const rows = await listConversations(db, userId, after, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: await withLastMessages(page),
        nextCursor:
          rows.length > query.limit && last ? `${last.lastActivityAt.getTime()}_${last.id}` : null,
      };
    },

    async messages(
      userId: string,
      conversationId: string,
      query: MessagesQuery,
    ): Promise<MessageList> {
      await requireConversation(userId, conversationId);
      const before = query.cursor === undefined ? null : BigInt(query.cursor);
      const rows = await listMessages(db, conversationId, before, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toChatMessage),
        nextCursor: rows.length > query.limit && last ? last.id.toString() : null,
      };
    },

    async send(
      userId: string,
      conversationId: string,
      body: MessageCreateBody,
    ): Promise<ChatMessage> {
      const { message, participants } = await db.$transaction(async (tx) => {
        const participants = await participantsOf(tx, conversationId);
        if (!participants.includes(userId)) throw new ConversationNotFound();
        const otherId = participants.find((id) => id !== userId);
        if (otherId === undefined) throw new ConversationClosed();
        if (await isBlockedEitherWay(tx, userId, otherId)) throw new ChatBlocked();
        const row = await insertMessage(tx, {
          conversationId,
          senderId: userId,
          body: body.body,
          createdAt: now(),
        });
        return { message: toChatMessage(row), participants };
      });
      push(participants, { type: 'chat.message', message });
      return message;
    },

    async read(userId: string, conversationId: string, upTo: string): Promise<ReadMarker> {
      const { marker, moved, participants } = await db.$transaction(async (tx) => {
        const conversation = await findConversationFor(tx, userId, conversationId);
        if (!conversation) throw new ConversationNotFound();
        const result = await markRead(
          tx,
          conversationId,
          userId,
          BigInt(upTo),
          conversation.lastMessageId ?? 0n,
        );
        return { ...result, participants: await participantsOf(tx, conversationId) };
      });
      const lastReadMessageId = marker.toString();
      if (moved) {
        push(participants, { type: 'chat.read', conversationId, userId, upTo: lastReadMessageId });
      }
      return { conversationId, lastReadMessageId };
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;

/** Chat messages a reconnecting user missed (ids above `afterId`), oldest first. */
export async function chatMessagesAfter(
  db: Database,
  userId: string,
  afterId: string,
  limit: number,
): Promise<ChatMessage[]> {
  return (await messagesAfterFor(db, userId, BigInt(afterId), limit)).map(toChatMessage);
}

/** Who hears `userId` typing in the conversation: the other participant, unless either blocked. */
export async function typingRecipientOf(
  db: Database,
  userId: string,
  conversationId: string,
): Promise<string | null> {
  const participants = await participantsOf(db, conversationId);
  const otherId = participants.find((id) => id !== userId);
  if (!participants.includes(userId) || otherId === undefined) return null;
  return (await isBlockedEitherWay(db, userId, otherId)) ? null : otherId;
}
