import fastifyCookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import type { CookieTransport } from './cookies.js';
import { RefreshTokenInvalid } from './errors.js';
import { RefreshBody, TokenPair } from './schemas.js';
import type { SessionsService } from './service.js';

export const sessionsRoutes: FastifyPluginAsyncTypebox<{
  sessions: SessionsService;
  cookies: CookieTransport;
}> = async (app, { sessions, cookies }) => {
  // Parses the Cookie header for these routes; a malformed value is handed over undecoded.
  await app.register(fastifyCookie);
  app.post(
    '/refresh',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Spend a refresh token (body, or the cookie in cookie mode) for a new pair',
        description:
          'Rotates a refresh token: the one sent stops working and a new access and refresh token are answered. Reusing a spent refresh token ends its whole family (a sign it was stolen) and answers 401 TOKEN_INVALID.',
        body: RefreshBody,
        response: {
          200: TokenPair,
          401: problemSchema('TOKEN_INVALID or REFRESH_TOKEN_REUSED'),
          403: problemSchema('CSRF_REJECTED'),
        },
      },
    },
    async (req, reply) => {
      const fromBody = req.body.refreshToken;
      if (fromBody !== undefined) return sessions.refresh(fromBody);
      const fromCookie = cookies.take(req);
      if (fromCookie === undefined) throw new RefreshTokenInvalid();
      return cookies.deliver(reply, await sessions.refresh(fromCookie));
    },
  );

  app.post(
    '/logout',
    {
      config: { access: 'public' },
      schema: {
        summary: 'End the login (refresh-token family) this token belongs to',
        description:
          'Revokes the refresh-token family the sent token belongs to, so neither it nor any token rotated from it works again. Access tokens already issued expire on their own.',
        body: RefreshBody,
        response: { 204: Type.Null(), 403: problemSchema('CSRF_REJECTED') },
      },
    },
    async (req, reply) => {
      const token = req.body.refreshToken ?? cookies.take(req);
      if (token !== undefined) await sessions.logout(token);
      if (req.body.refreshToken === undefined) cookies.clear(reply);
      return reply.code(204).send(null);
    },
  );
};
