import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import { RefreshBody, TokenPair } from './schemas.js';
import type { SessionsService } from './service.js';

export const sessionsRoutes: FastifyPluginAsyncTypebox<{ sessions: SessionsService }> = async (
  app,
  { sessions },
) => {
  app.post(
    '/refresh',
    {
      schema: {
        summary: 'Spend a refresh token for a new token pair',
        body: RefreshBody,
        response: { 200: TokenPair, 401: problemSchema('TOKEN_INVALID or REFRESH_TOKEN_REUSED') },
      },
    },
    async (req) => sessions.refresh(req.body.refreshToken),
  );

  app.post(
    '/logout',
    {
      schema: {
        summary: 'End the login (refresh-token family) this token belongs to',
        body: RefreshBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await sessions.logout(req.body.refreshToken);
      return reply.code(204).send(null);
    },
  );
};
