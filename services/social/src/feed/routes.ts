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
