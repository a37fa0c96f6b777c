import { AppError } from '@kavosh/service-kit';
import { Type } from 'typebox';

/** A keyset position: the sort time and the id that breaks ties. Not secret (lists are filtered by owner). */
export interface Position {
  at: Date;
  id: string;
}

export const CursorField = Type.Optional(
  Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }),
);
export const LimitField = Type.Optional(
  Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20 }),
);

export class CursorInvalid extends AppError {
  constructor() {
    super({
      status: 400,
      code: 'CURSOR_INVALID',
      title: 'Cursor invalid',
      detail: 'The cursor is not one this list returned.',
    });
  }
}

export const encodeCursor = (p: Position): string =>
  Buffer.from(`${p.at.getTime()}.${p.id}`, 'utf8').toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The position a cursor encodes; throws CursorInvalid for anything else. */
export function decodeCursor(cursor: string): Position {
  const [ms, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  const at = new Date(Number(ms));
  if (rest.length > 0 || id === undefined || !UUID.test(id) || !/^\d{1,15}$/.test(ms ?? ''))
    throw new CursorInvalid();
  if (Number.isNaN(at.getTime())) throw new CursorInvalid();
  return { at, id };
}

/** Newest first, after `cursor` when given: the Prisma where/orderBy for (at, id) keyset pages. */
export function keysetAfter(field: 'issuedAt' | 'at', cursor: string | undefined) {
  const orderBy = [{ [field]: 'desc' as const }, { id: 'desc' as const }];
  if (cursor === undefined) return { where: {}, orderBy };
  const p = decodeCursor(cursor);
  return {
    where: { OR: [{ [field]: { lt: p.at } }, { [field]: p.at, id: { lt: p.id } }] },
    orderBy,
  };
}

/** One page of `limit` from `rows` fetched with limit + 1, with the cursor of the next page. */
export function pageOf<T extends { id: string }>(
  rows: T[],
  limit: number,
  atOf: (row: T) => Date,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ at: atOf(last), id: last.id }) : null,
  };
}
