import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../db.js';

type Db = Database | Prisma.TransactionClient;

export interface MessageRow {
  id: bigint;
  conversationId: string;
  senderId: string;
  body: string;
  createdAt: Date;
}

export interface ConversationRow {
  id: string;
  createdAt: Date;
  lastMessageId: bigint | null;
  lastReadMessageId: bigint;
  lastActivityAt: Date;
  otherUserId: string | null;
  unreadCount: number;
}

const MESSAGE_SELECT = {
  id: true,
  conversationId: true,
  senderId: true,
  body: true,
  createdAt: true,
} as const;

/** `<lower id>:<higher id>`: the same key whoever starts the conversation. */
export const pairKeyOf = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

/**
 * The conversation of the pair, created with both participants if it does not exist. INSERT
 * IGNORE on the unique pair key: two requests creating it at once end on the same row.
 */
export async function getOrCreateConversation(
  tx: Prisma.TransactionClient,
  id: string,
  a: string,
  b: string,
  at: Date,
): Promise<{ id: string; created: boolean }> {
  const pairKey = pairKeyOf(a, b);
  const inserted = await tx.$executeRaw`
    INSERT IGNORE INTO conversations (id, pair_key, created_at) VALUES (${id}, ${pairKey}, ${at})`;
  if (inserted === 1) {
    await tx.conversationParticipant.createMany({
      data: [a, b].map((userId) => ({ conversationId: id, userId, lastActivityAt: at })),
    });
    return { id, created: true };
  }
  const existing = await tx.conversation.findUniqueOrThrow({
    where: { pairKey },
    select: { id: true },
  });
  return { id: existing.id, created: false };
}

/** The participants of a conversation (two, or one once the other was deleted). */
export async function participantsOf(db: Db, conversationId: string): Promise<string[]> {
  const rows = await db.conversationParticipant.findMany({
    where: { conversationId },
    select: { userId: true },
  });
  return rows.map((row) => row.userId);
}

/** The caller's conversations, most recently active first, after the keyset position `after`. */
export async function listConversations(
  db: Db,
  userId: string,
  after: { at: Date; conversationId: string } | null,
  limit: number,
): Promise<ConversationRow[]> {
  const position = after
    ? Prisma.sql`AND (p.last_activity_at < ${after.at}
        OR (p.last_activity_at = ${after.at} AND p.conversation_id < ${after.conversationId}))`
    : Prisma.empty;
  const rows = await db.$queryRaw<
    {
      id: string;
      created_at: Date;
      last_message_id: bigint | null;
      last_read_message_id: bigint;
      last_activity_at: Date;
      other_user_id: string | null;
      unread_count: bigint | number;
    }[]
  >`
    SELECT p.conversation_id AS id, c.created_at, c.last_message_id, p.last_read_message_id,
      p.last_activity_at,
      (SELECT o.user_id FROM conversation_participants o
        WHERE o.conversation_id = p.conversation_id AND o.user_id <> p.user_id LIMIT 1)
        AS other_user_id,
      (SELECT COUNT(*) FROM chat_messages m
        WHERE m.conversation_id = p.conversation_id AND m.id > p.last_read_message_id
          AND m.sender_id <> p.user_id) AS unread_count
    FROM conversation_participants p JOIN conversations c ON c.id = p.conversation_id
    WHERE p.user_id = ${userId} ${position}
    ORDER BY p.last_activity_at DESC, p.conversation_id DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    lastMessageId: row.last_message_id === null ? null : BigInt(row.last_message_id),
    lastReadMessageId: BigInt(row.last_read_message_id),
    lastActivityAt: row.last_activity_at,
    otherUserId: row.other_user_id,
    unreadCount: Number(row.unread_count),
  }));
}

/** One conversation as `userId` sees it; null when it does not exist or they are not in it. */
export async function findConversationFor(
  db: Db,
  userId: string,
  conversationId: string,
): Promise<ConversationRow | null> {
  const participant = await db.conversationParticipant.findUnique({
    where: { conversationId_userId: { conversationId, userId } },
  });
  if (!participant) return null;
  const [conversation, others, unreadCount] = await Promise.all([
    db.conversation.findUniqueOrThrow({ where: { id: conversationId } }),
    db.conversationParticipant.findMany({
      where: { conversationId, userId: { not: userId } },
      select: { userId: true },
    }),
    db.chatMessage.count({
      where: {
        conversationId,
        id: { gt: participant.lastReadMessageId },
        senderId: { not: userId },
      },
    }),
  ]);
  return {
    id: conversationId,
    createdAt: conversation.createdAt,
    lastMessageId: conversation.lastMessageId,
    lastReadMessageId: participant.lastReadMessageId,
    lastActivityAt: participant.lastActivityAt,
    otherUserId: others[0]?.userId ?? null,
    unreadCount,
  };
}

export async function messagesByIds(db: Db, ids: bigint[]): Promise<MessageRow[]> {
  if (ids.length === 0) return [];
  return db.chatMessage.findMany({ where: { id: { in: ids } }, select: MESSAGE_SELECT });
}

/** A page of a conversation's messages, newest first, older than `before`. */
export async function listMessages(
  db: Db,
  conversationId: string,
  before: bigint | null,
  limit: number,
): Promise<MessageRow[]> {
  return db.chatMessage.findMany({
    where: { conversationId, ...(before !== null && { id: { lt: before } }) },
    orderBy: { id: 'desc' },
    take: limit,
    select: MESSAGE_SELECT,
  });
}

/** Stores a message and moves the conversation's last message and both participants' activity. */
export async function insertMessage(
  tx: Prisma.TransactionClient,
  message: { conversationId: string; senderId: string; body: string; createdAt: Date },
): Promise<MessageRow> {
  const row = await tx.chatMessage.create({ data: message, select: MESSAGE_SELECT });
  await tx.conversation.update({
    where: { id: message.conversationId },
    data: { lastMessageId: row.id },
  });
  await tx.conversationParticipant.updateMany({
    where: { conversationId: message.conversationId },
    data: { lastActivityAt: message.createdAt },
  });
  // Your own message is read by you.
  await tx.conversationParticipant.update({
    where: {
      conversationId_userId: { conversationId: message.conversationId, userId: message.senderId },
    },
    data: { lastReadMessageId: row.id },
  });
  return row;
}

/**
 * Moves `userId`'s read marker forward to `upTo` (never back, never past the last message).
 * Returns the marker afterwards and whether it moved.
 */
export async function markRead(
  tx: Prisma.TransactionClient,
  conversationId: string,
  userId: string,
  upTo: bigint,
  lastMessageId: bigint,
): Promise<{ marker: bigint; moved: boolean }> {
  const target = upTo < lastMessageId ? upTo : lastMessageId;
  const { count } = await tx.conversationParticipant.updateMany({
    where: { conversationId, userId, lastReadMessageId: { lt: target } },
    data: { lastReadMessageId: target },
  });
  const participant = await tx.conversationParticipant.findUniqueOrThrow({
    where: { conversationId_userId: { conversationId, userId } },
    select: { lastReadMessageId: true },
  });
  return { marker: participant.lastReadMessageId, moved: count > 0 };
}

/** Messages `userId` can see with an id above `afterId`, oldest first (reconnect replay). */
export async function messagesAfterFor(
  db: Db,
  userId: string,
  afterId: bigint,
  limit: number,
): Promise<MessageRow[]> {
  const rows = await db.$queryRaw<
    {
      id: bigint;
      conversation_id: string;
      sender_id: string;
      body: string;
      created_at: Date;
    }[]
  >`
    SELECT m.id, m.conversation_id, m.sender_id, m.body, m.created_at
    FROM chat_messages m
    JOIN conversation_participants p ON p.conversation_id = m.conversation_id AND p.user_id = ${userId}
    WHERE m.id > ${afterId}
    ORDER BY m.id ASC
    LIMIT ${limit}`;
  return rows.map((row) => ({
    id: BigInt(row.id),
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    body: row.body,
    createdAt: row.created_at,
  }));
}

/**
 * Erases `userId` from chat (account deletion): their messages and participation. Their
 * conversations lose the pair key (which holds the user id) and keep the other side's history;
 * a conversation nobody is left in is removed. Returns the counts.
 */
export async function eraseChatOf(
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<{ messages: number; conversations: number }> {
  const mine = await tx.conversationParticipant.findMany({
    where: { userId },
    select: { conversationId: true },
  });
  const conversationIds = mine.map((row) => row.conversationId);
  const { count: messages } = await tx.chatMessage.deleteMany({ where: { senderId: userId } });
  if (conversationIds.length === 0) return { messages, conversations: 0 };
  await tx.conversationParticipant.deleteMany({ where: { userId } });
  const ids = Prisma.join(conversationIds);
  await tx.$executeRaw`
    UPDATE conversations c
    SET c.pair_key = NULL,
      c.last_message_id = (SELECT MAX(m.id) FROM chat_messages m WHERE m.conversation_id = c.id)
    WHERE c.id IN (${ids})`;
  await tx.$executeRaw`
    DELETE FROM conversations
    WHERE id IN (${ids})
      AND NOT EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = conversations.id)`;
  return { messages, conversations: conversationIds.length };
}
