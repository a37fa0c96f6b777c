import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@kavosh/service-kit';

/** Longest cursor a route accepts; schemas use it as the query's maxLength. */
export const MAX_CURSOR_LENGTH = 512;

/** A value in a keyset position: the sort key(s) of the last row, then its id. */
export type CursorValue = string | number | null;

export class InvalidCursor extends AppError {
  constructor(detail: string) {
    super({ status: 400, code: 'INVALID_CURSOR', title: 'Invalid cursor', detail });
  }
}

/**
 * Opaque page cursors: base64url(JSON { f, k }) "." base64url(HMAC-SHA256). `f` binds the cursor
 * to the query that produced it (a cursor replayed with other filters or another sort would skip
 * or repeat rows), `k` is the keyset position. The MAC makes both tamper-evident, so a client
 * can neither forge a position nor move a cursor between queries.
 */
export interface CursorCodec {
  encode(fingerprint: string, key: readonly CursorValue[]): string;
  /** The keyset position; throws InvalidCursor (400) for a malformed, forged or foreign cursor. */
  decode(cursor: string, fingerprint: string, arity: number): CursorValue[];
}

const mac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest();

export function createCursorCodec(secret: string): CursorCodec {
  if (secret.length < 32) throw new Error('a cursor secret needs at least 32 characters');
  return {
    encode(fingerprint, key) {
      const payload = Buffer.from(JSON.stringify({ f: fingerprint, k: key })).toString('base64url');
      return `${payload}.${mac(secret, payload).toString('base64url')}`;
    },
    decode(cursor, fingerprint, arity) {
      const parts = cursor.length <= MAX_CURSOR_LENGTH ? cursor.split('.') : [];
      const [payload, signature] = parts;
      if (parts.length !== 2 || !payload || !signature) {
        throw new InvalidCursor('The cursor is malformed.');
      }
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(secret, payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new InvalidCursor('The cursor was not issued by this service or was altered.');
      }
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw new InvalidCursor('The cursor is malformed.');
      }
      if (!isCursorBody(decoded) || decoded.k.length !== arity) {
        throw new InvalidCursor('The cursor is malformed.');
      }
      if (decoded.f !== fingerprint) {
        throw new InvalidCursor('The cursor belongs to another query; start again without it.');
      }
      return decoded.k;
    },
  };
}

function isCursorBody(value: unknown): value is { f: string; k: CursorValue[] } {
  if (typeof value !== 'object' || value === null) return false;
  const { f, k } = value as { f?: unknown; k?: unknown };
  return (
    typeof f === 'string' &&
    Array.isArray(k) &&
    k.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
  );
}

/**
 * A short, stable digest of what defines a listing: its name (so a blog cursor is refused by
 * /movies) and every filter and sort, with keys sorted and undefined dropped. Leave out the
 * cursor and the limit: a client may change the page size between pages.
 */
export function queryFingerprint(scope: string, query: Record<string, unknown>): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([scope, entries]))
    .digest('base64url')
    .slice(0, 22);
}
