import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { MarkReadBody, NotificationListQuery, NotificationPage, UnreadCount } from './schemas.js';
import type { NotificationsService } from './service.js';

const tags = ['notifications'];
const signedIn = { access: 'authenticated' } as const;
const unauthenticated = { 401: problemSchema('UNAUTHENTICATED') };

/** The caller's own notifications; nothing here takes another user's id. */
export const notificationsRoutes: FastifyPluginAsyncTypebox<{
  notifications: NotificationsService;
}> = async (app, { notifications }) => {
  app.get(
    '/',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'My notifications, newest first (cursor)',
        description:
          "Pages through the caller's notifications, newest first, with their read state.",
        querystring: NotificationListQuery,
        response: {
          200: NotificationPage,
          400: problemSchema('VALIDATION_FAILED or INVALID_CURSOR'),
          ...unauthenticated,
        },
      },
    },
    async (req) => notifications.list(identityOf(req).userId, req.query),
  );

  app.get(
    '/unread-count',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'How many of my notifications are unread (counted up to max)',
        description: 'The number of unread notifications, counted up to max, for a badge.',
        response: { 200: UnreadCount, ...unauthenticated },
      },
    },
    async (req) => notifications.unreadCount(identityOf(req).userId),
  );

  app.post(
    '/read',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Mark my notifications read up to and including one of mine',
        description: "Marks the caller's notifications read up to and including the one given.",
        body: MarkReadBody,
        response: {
          200: UnreadCount,
          400: problemSchema('VALIDATION_FAILED'),
          ...unauthenticated,
          404: problemSchema('NOTIFICATION_NOT_FOUND: not one of mine'),
        },
      },
    },
    async (req) => notifications.markRead(identityOf(req).userId, req.body),
  );
};
