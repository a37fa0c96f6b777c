import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import {
  ChatMessageView,
  Conversation,
  ConversationCreateBody,
  ConversationList,
  ConversationParams,
  ConversationsQuery,
  MessageCreateBody,
  MessageList,
  MessagesQuery,
  ReadBody,
  ReadMarker,
} from './schemas.js';
import type { ChatService } from './service.js';

const tags = ['chat'];
const access = { access: 'authenticated' as const };
const common = {
  400: problemSchema('VALIDATION_FAILED'),
  401: problemSchema('UNAUTHENTICATED'),
};
const notFound = { 404: problemSchema('CONVERSATION_NOT_FOUND: no such conversation of yours') };

/** Direct conversations; every route acts for the caller, only in conversations they are in. */
export const chatRoutes: FastifyPluginAsyncTypebox<{ chat: ChatService }> = async (
  app,
  { chat },
) => {
  app.post(
    '/conversations',
    {
      config: access,
      schema: {
        tags,
        summary: 'The conversation with a user: 201 when it starts, 200 when it exists',
        description:
          'Opens, or returns, the one conversation between the caller and another user; blocked users cannot start one.',
        body: ConversationCreateBody,
        response: {
          200: Conversation,
          201: Conversation,
          ...common,
          400: problemSchema('CANNOT_CHAT_WITH_SELF or VALIDATION_FAILED'),
          403: problemSchema('CHAT_BLOCKED: one of you blocked the other'),
          404: problemSchema('USER_NOT_FOUND'),
        },
      },
    },
    async (req, reply) => {
      const { conversation, created } = await chat.open(identityOf(req).userId, req.body.userId);
      return reply.code(created ? 201 : 200).send(conversation);
    },
  );

  app.get(
    '/conversations',
    {
      config: access,
      schema: {
        tags,
        summary:
          'Your conversations, most recently active first, with last message and unread count',
        description:
          "Pages through the caller's conversations, most recently active first, each with its last message and unread count.",
        querystring: ConversationsQuery,
        response: { 200: ConversationList, ...common },
      },
    },
    async (req) => chat.list(identityOf(req).userId, req.query),
  );

  app.get(
    '/conversations/:id/messages',
    {
      config: access,
      schema: {
        tags,
        summary: "A conversation's messages, newest first (cursor: older)",
        description:
          "Pages through a conversation's messages, newest first; only its two participants may read it (404 for anyone else).",
        params: ConversationParams,
        querystring: MessagesQuery,
        response: { 200: MessageList, ...common, ...notFound },
      },
    },
    async (req) => chat.messages(identityOf(req).userId, req.params.id, req.query),
  );

  app.post(
    '/conversations/:id/messages',
    {
      config: access,
      schema: {
        tags,
        summary: 'Send a message; both participants receive chat.message live',
        description:
          'Sends a message in a conversation of the caller; both participants receive it live over the WebSocket.',
        params: ConversationParams,
        body: MessageCreateBody,
        response: {
          201: ChatMessageView,
          ...common,
          ...notFound,
          403: problemSchema('CHAT_BLOCKED: one of you blocked the other'),
          409: problemSchema("CONVERSATION_CLOSED: the other user's account was deleted"),
        },
      },
    },
    async (req, reply) => {
      const message = await chat.send(identityOf(req).userId, req.params.id, req.body);
      return reply.code(201).send(message);
    },
  );

  app.post(
    '/conversations/:id/read',
    {
      config: access,
      schema: {
        tags,
        summary: 'Move your read marker up to a message; both participants receive chat.read',
        description:
          'Marks the conversation read up to a message; both participants receive the new marker live.',
        params: ConversationParams,
        body: ReadBody,
        response: { 200: ReadMarker, ...common, ...notFound },
      },
    },
    async (req) => chat.read(identityOf(req).userId, req.params.id, req.body.upTo),
  );
};
