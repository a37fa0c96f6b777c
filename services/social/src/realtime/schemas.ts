import { Type, type Static } from 'typebox';
import { TICKET_PATTERN } from './tickets.js';

export const TicketResponse = Type.Object(
  {
    ticket: Type.String({ pattern: TICKET_PATTERN }),
    /** Seconds until the ticket expires; it works once. */
    expiresIn: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

// Optional: a missing ticket is answered like a wrong one (401), a malformed one is a 400.
export const WsQuery = Type.Object(
  { ticket: Type.Optional(Type.String({ pattern: TICKET_PATTERN })) },
  { additionalProperties: false },
);
export type WsQuery = Static<typeof WsQuery>;

/** What a client may send once connected; anything else closes the connection with 1008. */
export const ClientMessage = Type.Union([
  Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false }),
]);
export type ClientMessage = Static<typeof ClientMessage>;

/** What the server pushes: a `type` and any fields the feature that pushes it defines. */
export type PushMessage = { type: string } & Record<string, unknown>;
