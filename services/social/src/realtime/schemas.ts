import { Type, type Static, type TSchema } from 'typebox';
import { TICKET_PATTERN } from './tickets.js';

// The pattern fixes the length: 22 + 1 + 10 + 1 + 43 characters.
const TICKET_LENGTH = 77;

export const TicketResponse = Type.Object(
  {
    ticket: Type.String({ pattern: TICKET_PATTERN }),
    /** Seconds until the ticket expires; it works once. */
    expiresIn: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

// Optional: a missing ticket is answered like a wrong one (401), a malformed one is a 400.
export const WsQuery = Type.Object(
  { ticket: Type.Optional(Type.String({ pattern: TICKET_PATTERN, maxLength: TICKET_LENGTH })) },
  { additionalProperties: false },
);
export type WsQuery = Static<typeof WsQuery>;

/** The protocol version every frame carries as `v`; a client frame with another is refused. */
export const PROTOCOL_VERSION = 1;

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
/** Database ids of notifications and chat messages: decimal strings (BIGINT does not fit JSON). */
export const MessageId = Type.String({ pattern: '^(0|[1-9][0-9]{0,18})$', maxLength: 19 });
/** A live room; today only a movie's comment thread and rating (`movie:<movie id>`). */
export const RoomName = Type.String({
  pattern: '^movie:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  maxLength: 42,
});
export type RoomName = Static<typeof RoomName>;

const frame = <T extends string, P extends Record<string, TSchema>>(type: T, properties: P) =>
  Type.Object(
    { v: Type.Literal(PROTOCOL_VERSION), type: Type.Literal(type), ...properties },
    { additionalProperties: false },
  );

// ---- What a client may send. Anything else closes the connection with 1008. ----

export const PingFrame = frame('ping', {});
/**
 * Sent once after a reconnect with the last ids the client saw: the server replays, from the
 * database, the notifications and chat messages after them, then `resumed`, then live frames.
 */
export const ResumeFrame = frame('resume', {
  notificationsAfter: Type.Optional(MessageId),
  chatAfter: Type.Optional(MessageId),
});
export type ResumeFrame = Static<typeof ResumeFrame>;
export const SubscribeFrame = frame('subscribe', { room: RoomName });
export const UnsubscribeFrame = frame('unsubscribe', { room: RoomName });
/** "I am typing" in a conversation: relayed to the other participant, never stored. */
export const TypingFrame = frame('chat.typing', { conversationId: Uuid });

export const ClientFrame = Type.Union([
  PingFrame,
  ResumeFrame,
  SubscribeFrame,
  UnsubscribeFrame,
  TypingFrame,
]);
export type ClientFrame = Static<typeof ClientFrame>;

// ---- What the server sends. ----

/** The chat message view, as GET /conversations/:id/messages lists it. */
export const ChatMessageView = Type.Object(
  {
    id: MessageId,
    conversationId: Uuid,
    senderId: Uuid,
    body: Type.String({ maxLength: 2000 }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type ChatMessageView = Static<typeof ChatMessageView>;

/** Another feature's public view, passed through as its routes answer it (at least an id). */
const ForeignView = (description: string) =>
  Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: true, description });

export const ServerFrame = Type.Union([
  frame('ready', {}),
  frame('pong', {}),
  frame('resumed', {
    notifications: Type.Integer({ minimum: 0 }),
    chatMessages: Type.Integer({ minimum: 0 }),
    /** False when more was missed than one replay sends: page the REST lists for the rest. */
    complete: Type.Boolean(),
  }),
  frame('subscribed', { room: RoomName }),
  frame('unsubscribed', { room: RoomName }),
  frame('error', {
    code: Type.Union([
      Type.Literal('ROOM_NOT_FOUND'),
      Type.Literal('ROOM_LIMIT'),
      Type.Literal('ALREADY_RESUMED'),
      Type.Literal('CONVERSATION_NOT_FOUND'),
    ]),
    detail: Type.String({ maxLength: 200 }),
  }),
  frame('notification.created', { notification: ForeignView('the notification, as listed') }),
  frame('chat.message', { message: ChatMessageView }),
  frame('chat.read', { conversationId: Uuid, userId: Uuid, upTo: MessageId }),
  frame('chat.typing', { conversationId: Uuid, userId: Uuid }),
  frame('movie.comment.created', { movieId: Uuid, comment: ForeignView('the public comment') }),
  frame('movie.rating.changed', {
    movieId: Uuid,
    ratingCount: Type.Integer({ minimum: 0 }),
    ratingSum: Type.Integer({ minimum: 0 }),
    averageRating: Type.Union([Type.Number(), Type.Null()]),
    asOf: Type.String({ format: 'date-time' }),
  }),
]);
export type ServerFrame = Static<typeof ServerFrame>;
/** A frame the server sends, without its `v` (the hub adds it). */
export type PushMessage = ServerFrame extends infer F
  ? F extends { v: number }
    ? Omit<F, 'v'>
    : never
  : never;

/** The answer to a valid upgrade, for the OpenAPI document: the socket then carries the events. */
export const WsOpened = Type.Null({ description: 'Switching Protocols: the WebSocket is open' });
