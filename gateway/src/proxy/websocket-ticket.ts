import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Social's WebSocket ticket, `<nonce>.<expires>.<signature>` (services/social/src/realtime/
 * tickets.ts): 128 random bits, Unix seconds, HMAC-SHA256 of the first two with WS_TICKET_SECRET.
 * The gateway shares the secret so it refuses a forged or expired ticket before it opens any
 * connection to social; whether the ticket was already used only social knows (Redis GETDEL).
 */
const TICKET = /^([A-Za-z0-9_-]{22}\.([0-9]{10}))\.([A-Za-z0-9_-]{43})$/;

export type TicketCheck = 'valid' | 'missing' | 'malformed' | 'forged' | 'expired';

export function checkTicket(
  ticket: string | undefined,
  secret: string,
  nowMs: number = Date.now(),
): TicketCheck {
  if (ticket === undefined || ticket === '') return 'missing';
  const match = TICKET.exec(ticket);
  if (!match?.[1] || !match[2] || !match[3]) return 'malformed';
  const expected = createHmac('sha256', secret).update(match[1]).digest();
  const given = Buffer.from(match[3], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  return Number(match[2]) * 1000 <= nowMs ? 'expired' : 'valid';
}

/** The `ticket` query parameter of a request URL, undefined when absent (or given twice). */
export function ticketOf(url: string): string | undefined {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return undefined;
  const values = new URLSearchParams(url.slice(queryAt + 1)).getAll('ticket');
  return values.length === 1 ? values[0] : undefined;
}
