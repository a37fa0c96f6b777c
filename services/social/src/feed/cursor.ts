import { AppError } from '@kavosh/service-kit';

/** Longest cursor a route accepts; schemas use it as the query's maxLength. */
export const MAX_CURSOR_LENGTH = 200;

export class InvalidCursor extends AppError {
  constructor() {
    super({
      status: 400,
      code: 'INVALID_CURSOR',
      title: 'Invalid cursor',
      detail: 'The cursor is malformed or belongs to another listing; start again without it.',
    });
  }
}

/**
 * Keyset cursors for social's own listings: base64url(JSON [scope, ...key]). Not signed: every
 * listing filters by the caller or the listed user first, so a forged position can only move
 * within what that query may show anyway. The scope keeps a feed cursor out of a followers list.
 */
export function encodeCursor(scope: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([scope, ...key])).toString('base64url');
}

/** The largest number a cursor carries: the last millisecond a DATETIME column holds. */
const MAX_CURSOR_NUMBER = 253_402_300_799_999;

/** The key of a cursor from encodeCursor(scope, …) with `types` in order; InvalidCursor otherwise. */
export function decodeCursor<T extends readonly ('string' | 'number')[]>(
  cursor: string,
  scope: string,
  types: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== types.length + 1 || decoded[0] !== scope) {
    throw new InvalidCursor();
  }
  const key = decoded.slice(1) as unknown[];
  const valid = key.every((value, i) =>
    types[i] === 'number'
      ? typeof value === 'number' &&
        Number.isSafeInteger(value) &&
        value >= 0 &&
        // Times become Dates: beyond a DATETIME's range they would be Invalid Dates.
        value <= MAX_CURSOR_NUMBER
      : typeof value === 'string' && value.length > 0 && value.length <= 80,
  );
  if (!valid) throw new InvalidCursor();
  return key as { [K in keyof T]: T[K] extends 'number' ? number : string };
}
