import { Type, type Static } from 'typebox';
import { TEXT_PATTERN } from '@kavosh/service-kit';
import { MAX_CURSOR_LENGTH } from './cursor.js';

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const UtcDateTime = Type.String({ format: 'date-time', maxLength: 35 });
const closed = { additionalProperties: false } as const;

export const FeedQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_CURSOR_LENGTH, pattern: TEXT_PATTERN }),
    ),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 50, default: 20 }),
  },
  closed,
);
export type FeedQuery = Static<typeof FeedQuery>;

const FeedMovie = Type.Object(
  { id: Uuid, title: Type.String({ maxLength: 300 }), slug: Type.String({ maxLength: 160 }) },
  closed,
);
/** A followed user; the name is null while their profile is unknown. */
const FeedActor = Type.Object(
  {
    userId: Uuid,
    displayName: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
    initials: Type.Union([Type.String({ maxLength: 8 }), Type.Null()]),
  },
  closed,
);
/** Stable across pages: the same rating, comment or movie always has the same id. */
const FeedItemId = Type.String({ maxLength: 80 });

export const FeedItem = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('rating'),
      id: FeedItemId,
      at: UtcDateTime,
      actor: FeedActor,
      movie: FeedMovie,
      value: Type.Integer({ format: 'int32', minimum: 1, maximum: 10 }),
    },
    closed,
  ),
  Type.Object(
    {
      kind: Type.Literal('comment'),
      id: FeedItemId,
      at: UtcDateTime,
      actor: FeedActor,
      movie: FeedMovie,
      commentId: Uuid,
      parentId: Type.Union([Uuid, Type.Null()]),
      /** Plain text as written; clients escape it. */
      body: Type.String({ maxLength: 20_000 }),
    },
    closed,
  ),
  Type.Object(
    { kind: Type.Literal('movie'), id: FeedItemId, at: UtcDateTime, movie: FeedMovie },
    closed,
  ),
]);
export type FeedItem = Static<typeof FeedItem>;

export const FeedPage = Type.Object(
  {
    items: Type.Array(FeedItem, { maxItems: 50 }),
    nextCursor: Type.Union([Type.String({ maxLength: MAX_CURSOR_LENGTH }), Type.Null()]),
  },
  closed,
);
export type FeedPage = Static<typeof FeedPage>;
