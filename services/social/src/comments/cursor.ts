import { AppError } from '@kavosh/service-kit';

/** Longest cursor a route accepts (the query schemas' maxLength). */
export const MAX_CURSOR_LENGTH = 200;

export class InvalidCursor extends AppError {
  constructor() {
    super({
      status: 400,
      code: 'INVALID_CURSOR',
      title: 'Invalid cursor',
      detail: 'The cursor is malformed; start again without it.',
    });
  }
}

/** A keyset position: the last row's time and id. */
export interface TimeIdPosition {
  at: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The last millisecond a DATETIME column holds (9999-12-31T23:59:59.999Z). */
export const MAX_DATETIME_MS = 253_402_300_799_999;

/**
 * Cursors are opaque base64url JSON of a keyset position. They are not signed: a position only
 * says where to continue inside a query whose filters come from the route, so a forged one can
 * show nothing the caller could not page to anyway; a malformed one is 400 INVALID_CURSOR.
 */
export const encodeTimeId = ({ at, id }: TimeIdPosition): string =>
  Buffer.from(JSON.stringify([at.getTime(), id])).toString('base64url');

export function decodeTimeId(cursor: string): TimeIdPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw new InvalidCursor();
  const [ms, id] = decoded as unknown[];
  // A time outside what the columns hold would reach the query as an Invalid Date.
  if (
    !Number.isSafeInteger(ms) ||
    (ms as number) < 0 ||
    (ms as number) > MAX_DATETIME_MS ||
    typeof id !== 'string' ||
    !UUID.test(id)
  )
    throw new InvalidCursor();
  return { at: new Date(ms as number), id };
}

export const encodeId = (id: bigint): string => Buffer.from(`[${id}]`).toString('base64url');

export function decodeId(cursor: string): bigint {
  const match = /^\[(\d{1,19})\]$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw new InvalidCursor();
  return BigInt(match[1]);
}
