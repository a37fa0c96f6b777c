import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { FeedPage, FeedQuery } from './schemas.js';
import type { FeedService } from './service.js';

export const feedRoutes: FastifyPluginAsyncTypebox<{ feed: FeedService }> = async (
  app,
  { feed },
) => {
  app.get(
    '/feed',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['feed'],
        summary:
          'Ratings and comments of users I follow and movies published in genres I follow, newest first (cursor)',
        description:
          "Pages through the caller's feed: ratings and comments of the users they follow and movies published in the genres they follow, newest first.",
        querystring: FeedQuery,
        response: {
          200: FeedPage,
          400: problemSchema('VALIDATION_FAILED or INVALID_CURSOR'),
          401: problemSchema('UNAUTHENTICATED'),
        },
      },
    },
    async (req) => feed.page(identityOf(req).userId, req.query),
  );
};
