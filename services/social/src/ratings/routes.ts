import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { MovieParams, MovieRating, RatingBody } from './schemas.js';
import type { RatingsService } from './service.js';

const tags = ['ratings'];
const unauthenticated = { 401: problemSchema('UNAUTHENTICATED or TOKEN_INVALID') };

export const ratingsRoutes: FastifyPluginAsyncTypebox<{ ratings: RatingsService }> = async (
  app,
  { ratings },
) => {
  app.get(
    '/movies/:id/rating',
    {
      // Public: the aggregate is public; a signed-in caller also gets their own rating.
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A published movie's rating aggregate, and the caller's own rating",
        description:
          "The movie's average rating and number of ratings, with the caller's own rating when signed in.",
        params: MovieParams,
        response: { 200: MovieRating, 404: problemSchema('MOVIE_NOT_FOUND') },
      },
    },
    async (req) => ratings.get(req.identity?.userId ?? null, req.params.id),
  );

  app.put(
    '/movies/:id/rating',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Rate a published movie 1-10 (replaces your earlier rating)',
        description:
          "Rates a published movie from 1 to 10, replacing the caller's earlier rating; the catalog's average follows by event.",
        params: MovieParams,
        body: RatingBody,
        response: {
          200: MovieRating,
          ...unauthenticated,
          404: problemSchema('MOVIE_NOT_FOUND: unknown or not published'),
        },
      },
    },
    async (req) => ratings.rate(identityOf(req).userId, req.params.id, req.body.value),
  );

  app.delete(
    '/movies/:id/rating',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Remove your rating of a movie',
        description:
          "Removes the caller's rating of a movie; the catalog's average follows by event.",
        params: MovieParams,
        response: { 200: MovieRating, ...unauthenticated, 404: problemSchema('RATING_NOT_FOUND') },
      },
    },
    async (req) => ratings.remove(identityOf(req).userId, req.params.id),
  );
};
