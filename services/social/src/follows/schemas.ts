import { Type, type Static } from 'typebox';
import { TEXT_PATTERN } from '@kavosh/service-kit';
import { MAX_CURSOR_LENGTH } from '../feed/cursor.js';

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const UtcDateTime = Type.String({ format: 'date-time', maxLength: 35 });
const closed = { additionalProperties: false } as const;

export const UserParams = Type.Object({ id: Uuid }, closed);
export type UserParams = Static<typeof UserParams>;

export const GenreParams = Type.Object({ id: Uuid }, closed);
export type GenreParams = Static<typeof GenreParams>;

export const FollowListQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_CURSOR_LENGTH, pattern: TEXT_PATTERN }),
    ),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20 }),
  },
  closed,
);
export type FollowListQuery = Static<typeof FollowListQuery>;

/** A user in a followers or following list; the name is null while their profile is unknown. */
export const FollowEntry = Type.Object(
  {
    userId: Uuid,
    displayName: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
    initials: Type.Union([Type.String({ maxLength: 8 }), Type.Null()]),
    followedAt: UtcDateTime,
  },
  closed,
);
export type FollowEntry = Static<typeof FollowEntry>;

export const FollowPage = Type.Object(
  {
    items: Type.Array(FollowEntry, { maxItems: 100 }),
    nextCursor: Type.Union([Type.String({ maxLength: MAX_CURSOR_LENGTH }), Type.Null()]),
  },
  closed,
);
export type FollowPage = Static<typeof FollowPage>;

export const GenreFollowList = Type.Object(
  {
    items: Type.Array(Type.Object({ genreId: Uuid, followedAt: UtcDateTime }, closed), {
      maxItems: 500,
    }),
    /** The most genres one user may follow. */
    max: Type.Integer({ minimum: 1 }),
  },
  closed,
);
export type GenreFollowList = Static<typeof GenreFollowList>;
