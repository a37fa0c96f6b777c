import { Type, type Static } from 'typebox';

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });

export const UserParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type UserParams = Static<typeof UserParams>;

/** `<blocked at, ms>_<user id>` of the last row of the previous page (the caller's own list). */
export const BlocksCursor = Type.String({
  pattern: '^[0-9]{1,15}_[0-9a-fA-F-]{36}$',
  maxLength: 52,
});

export const BlocksQuery = Type.Object(
  {
    cursor: Type.Optional(BlocksCursor),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export type BlocksQuery = Static<typeof BlocksQuery>;

export const BlockedUser = Type.Object(
  { userId: Uuid, blockedAt: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
);
export type BlockedUser = Static<typeof BlockedUser>;

export const BlockList = Type.Object(
  {
    items: Type.Array(BlockedUser, { maxItems: 100 }),
    /** Pass as `cursor` for the next page; null on the last. */
    nextCursor: Type.Union([BlocksCursor, Type.Null()]),
  },
  { additionalProperties: false },
);
export type BlockList = Static<typeof BlockList>;
