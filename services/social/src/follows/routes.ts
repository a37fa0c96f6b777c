import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import {
  FollowListQuery,
  FollowPage,
  GenreFollowList,
  GenreParams,
  UserParams,
} from './schemas.js';
import type { FollowsService } from './service.js';

const tags = ['follows'];
const signedIn = { access: 'authenticated' } as const;
const noContent = Type.Null({ description: 'Done (also when it already was)' });
const unauthenticated = { 401: problemSchema('UNAUTHENTICATED') };

/** /users/:id/follow|followers|following, /genres/:id/follow and /me/genres. */
export const followsRoutes: FastifyPluginAsyncTypebox<{ follows: FollowsService }> = async (
  app,
  { follows },
) => {
  app.post(
    '/users/:id/follow',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Follow a user (idempotent: following again changes nothing)',
        description:
          "Follows another user: their ratings and comments reach the caller's feed. Following oneself is refused.",
        params: UserParams,
        response: {
          204: noContent,
          400: problemSchema('VALIDATION_FAILED or CANNOT_FOLLOW_SELF'),
          ...unauthenticated,
          403: problemSchema('FOLLOW_BLOCKED: one of you blocked the other'),
          404: problemSchema('USER_NOT_FOUND'),
          409: problemSchema('FOLLOW_LIMIT_REACHED'),
        },
      },
    },
    async (req, reply) => {
      await follows.follow(identityOf(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/users/:id/follow',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Stop following a user (idempotent)',
        description: 'Stops following a user; not following them already is not an error.',
        params: UserParams,
        response: {
          204: noContent,
          400: problemSchema('VALIDATION_FAILED or CANNOT_FOLLOW_SELF'),
          ...unauthenticated,
        },
      },
    },
    async (req, reply) => {
      await follows.unfollow(identityOf(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  for (const list of ['followers', 'following'] as const) {
    app.get(
      `/users/:id/${list}`,
      {
        config: signedIn,
        schema: {
          tags,
          summary:
            list === 'followers'
              ? "A user's followers, newest follow first (cursor)"
              : 'Whom a user follows, newest follow first (cursor)',
          description:
            list === 'followers'
              ? 'Pages through the users who follow this user, newest follow first.'
              : 'Pages through the users this user follows, newest follow first.',
          params: UserParams,
          querystring: FollowListQuery,
          response: {
            200: FollowPage,
            400: problemSchema('VALIDATION_FAILED or INVALID_CURSOR'),
            ...unauthenticated,
            404: problemSchema('USER_NOT_FOUND'),
          },
        },
      },
      async (req) => follows[list](req.params.id, req.query),
    );
  }

  app.post(
    '/genres/:id/follow',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Follow a genre: its newly published movies reach my feed and notifications',
        description:
          "Follows a genre: movies published in it reach the caller's feed and notifications.",
        params: GenreParams,
        response: {
          204: noContent,
          400: problemSchema('VALIDATION_FAILED'),
          ...unauthenticated,
          409: problemSchema('FOLLOW_LIMIT_REACHED'),
        },
      },
    },
    async (req, reply) => {
      await follows.followGenre(identityOf(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/genres/:id/follow',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Stop following a genre (idempotent)',
        description: 'Stops following a genre; not following it already is not an error.',
        params: GenreParams,
        response: { 204: noContent, 400: problemSchema('VALIDATION_FAILED'), ...unauthenticated },
      },
    },
    async (req, reply) => {
      await follows.unfollowGenre(identityOf(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/genres',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The genres I follow, newest first',
        description: 'The genres the caller follows, newest first.',
        response: { 200: GenreFollowList, ...unauthenticated },
      },
    },
    async (req) => follows.myGenres(identityOf(req).userId),
  );
};
