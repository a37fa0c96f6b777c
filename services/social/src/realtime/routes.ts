import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { TicketInvalid, UpgradeRequired } from './errors.js';
import type { RealtimeHub } from './hub.js';
import { TicketResponse, WsOpened, WsQuery } from './schemas.js';
import type { TicketStore } from './tickets.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The user a consumed WebSocket ticket was issued to (GET /ws only). */
    wsUserId: string | null;
  }
}

/**
 * POST /ws-ticket and GET /ws. Browsers cannot set headers on a WebSocket, so the access token
 * buys a one-time ticket that rides in the query string (the kit's access log redacts it).
 * A missing, used or expired ticket is refused before the upgrade: a plain HTTP 401 problem+json,
 * never a connection that opens and then closes.
 */
export const realtimeRoutes: FastifyPluginAsyncTypebox<{
  tickets: TicketStore;
  hub: RealtimeHub;
}> = async (app, { tickets, hub }) => {
  app.decorateRequest('wsUserId', null);

  app.post(
    '/ws-ticket',
    {
      config: { access: 'authenticated' },
      schema: {
        summary: 'A one-time ticket (≈ 30 s) that opens GET /ws as the caller',
        description:
          'Issues a one-time ticket, valid for about 30 seconds, that opens the WebSocket as the caller (browsers cannot send headers with a WebSocket).',
        response: {
          200: TicketResponse,
          401: problemSchema('UNAUTHENTICATED or TOKEN_INVALID'),
          503: problemSchema('REDIS_UNAVAILABLE'),
        },
      },
    },
    async (req) => tickets.issue(identityOf(req).userId),
  );

  app.route({
    method: 'GET',
    url: '/ws',
    // The one-time ticket is the credential: browsers cannot set headers on a WebSocket.
    config: { access: 'public' },
    schema: {
      summary:
        'Live notifications over WebSocket; the ticket from POST /ws-ticket is the credential',
      description:
        "Upgrades to a WebSocket that delivers the caller's notifications and chat events live. The ticket from POST /ws-ticket is the credential and works once.",
      querystring: WsQuery,
      response: {
        101: WsOpened,
        400: problemSchema('VALIDATION_FAILED: a malformed ticket'),
        401: problemSchema('WS_TICKET_INVALID: missing, unknown, used or expired'),
        426: problemSchema('UPGRADE_REQUIRED: a plain GET, not a WebSocket upgrade'),
        503: problemSchema('REDIS_UNAVAILABLE'),
      },
    },
    preHandler: async (req) => {
      // Only an upgrade spends the ticket; a plain GET is answered 426 and leaves it usable.
      if (req.headers.upgrade?.toLowerCase() !== 'websocket') return;
      const ticket = req.query.ticket;
      const userId = ticket === undefined ? null : await tickets.consume(ticket);
      if (userId === null) throw new TicketInvalid();
      req.wsUserId = userId;
    },
    handler: async () => {
      throw new UpgradeRequired();
    },
    wsHandler: (socket, req) => {
      if (req.wsUserId === null) {
        socket.close(1011);
        return;
      }
      hub.attach(req.wsUserId, socket);
    },
  });
};
