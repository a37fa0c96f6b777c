import { Type, type Static } from 'typebox';
import { ChatMessageView, MessageId } from '../realtime/schemas.js';

export { ChatMessageView, MessageId };
export type { ChatMessageView as ChatMessage } from '../realtime/schemas.js';

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });

/** The longest message body, in characters (the column is VARCHAR(2000)). */
export const MAX_MESSAGE_LENGTH = 2_000;

export const ConversationParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type ConversationParams = Static<typeof ConversationParams>;

export const ConversationCreateBody = Type.Object(
  { userId: Uuid },
  { additionalProperties: false },
);
export type ConversationCreateBody = Static<typeof ConversationCreateBody>;

export const Conversation = Type.Object(
  {
    id: Uuid,
    /** The other participant; null once their account was deleted (show "deleted user"). */
    otherUser: Type.Union([
      Type.Object(
        {
          id: Uuid,
          /** From social's profiles; null while their profile has not arrived yet. */
          displayName: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
          initials: Type.Union([Type.String({ maxLength: 8 }), Type.Null()]),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    createdAt: Type.String({ format: 'date-time' }),
    lastMessage: Type.Union([ChatMessageView, Type.Null()]),
    /** Messages from the other participant after your read marker. */
    unreadCount: Type.Integer({ minimum: 0 }),
    /** Your read marker: the id of the last message you read ("0": none). */
    lastReadMessageId: MessageId,
  },
  { additionalProperties: false },
);
export type Conversation = Static<typeof Conversation>;

/** `<last activity, ms>_<conversation id>` of the last row of the previous page. */
export const ConversationsCursor = Type.String({
  pattern: '^[0-9]{1,15}_[0-9a-fA-F-]{36}$',
  maxLength: 52,
});

export const ConversationsQuery = Type.Object(
  {
    cursor: Type.Optional(ConversationsCursor),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 50, default: 20 }),
  },
  { additionalProperties: false },
);
export type ConversationsQuery = Static<typeof ConversationsQuery>;

export const ConversationList = Type.Object(
  {
    items: Type.Array(Conversation, { maxItems: 50 }),
    nextCursor: Type.Union([ConversationsCursor, Type.Null()]),
  },
  { additionalProperties: false },
);
export type ConversationList = Static<typeof ConversationList>;

export const MessagesQuery = Type.Object(
  {
    /** The id of the oldest message of the previous page: the next page is older. */
    cursor: Type.Optional(MessageId),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 30 }),
  },
  { additionalProperties: false },
);
export type MessagesQuery = Static<typeof MessagesQuery>;

export const MessageList = Type.Object(
  {
    /** Newest first. */
    items: Type.Array(ChatMessageView, { maxItems: 100 }),
    nextCursor: Type.Union([MessageId, Type.Null()]),
  },
  { additionalProperties: false },
);
export type MessageList = Static<typeof MessageList>;

export const MessageCreateBody = Type.Object(
  {
    /** Plain text, stored as written; clients escape it where they render it. */
    body: Type.String({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH, pattern: '\\S' }),
  },
  { additionalProperties: false },
);
export type MessageCreateBody = Static<typeof MessageCreateBody>;

export const ReadBody = Type.Object({ upTo: MessageId }, { additionalProperties: false });
export type ReadBody = Static<typeof ReadBody>;

export const ReadMarker = Type.Object(
  { conversationId: Uuid, lastReadMessageId: MessageId },
  { additionalProperties: false },
);
export type ReadMarker = Static<typeof ReadMarker>;
