import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemSchema, traceparentOf } from '@kavosh/service-kit';
import { Type } from 'typebox';
import { User } from '../accounts/schemas.js';
import { RoleBody, UserListQuery, UserPage, UserParams } from './schemas.js';
import type { UsersService } from './service.js';

export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (
  app,
  { users },
) => {
  // Every route here is for admins only.
  const adminOnly = { access: { roles: ['admin'] } } as const;

  app.get(
    '/',
    {
      config: adminOnly,
      schema: {
        summary: 'List accounts (admin); cursor pagination, email prefix search',
        description:
          'Admins page through every account, newest first, optionally narrowed to emails starting with a prefix. Other callers get 403 FORBIDDEN.',
        querystring: UserListQuery,
        response: { 200: UserPage },
      },
    },
    async (req) => users.list(req.query),
  );

  app.get(
    '/:id',
    {
      config: adminOnly,
      schema: {
        summary: 'One account (admin)',
        description:
          'An account with its role and timestamps, for admins; an unknown id is 404 USER_NOT_FOUND.',
        params: UserParams,
        response: { 200: User, 404: problemSchema('USER_NOT_FOUND') },
      },
    },
    async (req) => users.get(req.params.id),
  );

  app.patch(
    '/:id/role',
    {
      config: adminOnly,
      schema: {
        summary: "Change an account's role (admin)",
        description:
          'Sets the role of an account (user, editor, moderator or admin); the other services learn it from auth.user.updated.v1. Tokens already issued keep their old role until they expire.',
        params: UserParams,
        body: RoleBody,
        response: { 200: User, 409: problemSchema('LAST_ADMIN') },
      },
    },
    async (req) => users.changeRole(req.params.id, req.body.role, traceparentOf(req)),
  );

  app.delete(
    '/:id',
    {
      config: adminOnly,
      schema: {
        summary: 'Delete an account (admin)',
        description:
          'Erases an account and everything auth holds about it; the other services erase their data on auth.user.deleted.v1.',
        params: UserParams,
        response: { 204: Type.Null(), 409: problemSchema('LAST_ADMIN') },
      },
    },
    async (req, reply) => {
      await users.delete(req.params.id, traceparentOf(req));
      return reply.code(204).send(null);
    },
  );
};
