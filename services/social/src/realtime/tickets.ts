import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { dependencyUnavailable } from '@kavosh/service-kit';

/**
 * A WebSocket ticket: `<nonce>.<expires>.<signature>`, all URL-safe.
 * - nonce: 16 random bytes (128 bits), base64url (22 characters);
 * - expires: Unix seconds, 10 digits;
 * - signature: HMAC-SHA256 of `<nonce>.<expires>` with WS_TICKET_SECRET, base64url (43 characters).
 * The signature lets the gateway (which shares the secret) refuse a forged or expired ticket before
 * it opens any connection to social; one-time use is enforced here, in Redis, where the ticket is
 * stored under its SHA-256 (never in clear) with the user id. The gateway checks the same format
 * in gateway/src/proxy/websocket-ticket.ts.
 */
export const TICKET_PATTERN = '^[A-Za-z0-9_-]{22}\\.[0-9]{10}\\.[A-Za-z0-9_-]{43}$';

export interface TicketStore {
  /** A new ticket for `userId`, valid for the configured TTL and once. */
  issue(userId: string): Promise<{ ticket: string; expiresIn: number }>;
  /** The user id the ticket was issued to, consuming it; null when unknown, used or expired. */
  consume(ticket: string): Promise<string | null>;
}

export const signTicket = (secret: string, nonceAndExpiry: string): string =>
  createHmac('sha256', secret).update(nonceAndExpiry).digest('base64url');

// A Redis that does not answer is the client's 503 (retry later), never a 500.
const unavailable = (err: unknown): never => {
  throw dependencyUnavailable('redis', err);
};

const keyOf = (prefix: string, ticket: string) =>
  `${prefix}ticket:${createHash('sha256').update(ticket).digest('hex')}`;

export function createTicketStore(opts: {
  redis: Redis;
  secret: string;
  ttlSeconds: number;
  /** Start of every Redis key this feature writes. */
  keyPrefix: string;
  now?: () => number;
}): TicketStore {
  const now = opts.now ?? Date.now;
  return {
    async issue(userId) {
      const nonce = randomBytes(16).toString('base64url');
      const expires = Math.floor(now() / 1000) + opts.ttlSeconds;
      const body = `${nonce}.${expires}`;
      const ticket = `${body}.${signTicket(opts.secret, body)}`;
      await opts.redis
        .set(keyOf(opts.keyPrefix, ticket), userId, 'EX', opts.ttlSeconds)
        .catch(unavailable);
      return { ticket, expiresIn: opts.ttlSeconds };
    },
    async consume(ticket) {
      // GETDEL: two connections presenting the same ticket at once get it at most once.
      return opts.redis.getdel(keyOf(opts.keyPrefix, ticket)).catch(unavailable);
    },
  };
}
