import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import { BlockList, BlocksQuery, UserParams } from './schemas.js';
import type { BlocksService } from './service.js';

const tags = ['blocks'];
const unauthenticated = { 401: problemSchema('UNAUTHENTICATED') };
const noContent = Type.Null({ description: 'Done' });

/** POST|DELETE /users/:id/block and GET /me/blocks: always the caller's own blocks. */
export const blocksRoutes: FastifyPluginAsyncTypebox<{ blocks: BlocksService }> = async (
  app,
  { blocks },
) => {
  app.post(
    '/users/:id/block',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Block a user: no chat between you, either way (idempotent)',
        description:
          'Blocks a user: no conversation between the two, either way; blocking twice changes nothing.',
        params: UserParams,
        response: {
          204: noContent,
          ...unauthenticated,
          400: problemSchema('CANNOT_BLOCK_SELF or VALIDATION_FAILED'),
        },
      },
    },
    async (req, reply) => {
      await blocks.block(identityOf(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/users/:id/block',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Unblock a user (idempotent)',
        description: 'Lifts a block; not blocking the user already is not an error.',
        params: UserParams,
        response: { 204: noContent, ...unauthenticated, 400: problemSchema('VALIDATION_FAILED') },
      },
    },
    async (req, reply) => {
      await blocks.unblock(identityOf(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/blocks',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The users you blocked, newest first (cursor)',
        description: 'Pages through the users the caller blocked, newest first.',
        querystring: BlocksQuery,
        response: { 200: BlockList, ...unauthenticated, 400: problemSchema('VALIDATION_FAILED') },
      },
    },
    async (req) => blocks.list(identityOf(req).userId, req.query),
  );
};
