import { Type, type Static } from 'typebox';
import { TEXT_FORMAT, TEXT_PATTERN } from '@kavosh/service-kit';
import { Uuid } from '../profiles/schemas.js';
import { MAX_CURSOR_LENGTH } from './cursor.js';

const DateTime = Type.String({ format: 'date-time', maxLength: 35 });

/** The absolute cap of a body on the wire; COMMENT_MAX_LENGTH (≤ this) is the one enforced. */
export const MAX_BODY_WIRE_LENGTH = 10_000;

export const CommentParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type CommentParams = Static<typeof CommentParams>;

export const PageQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_CURSOR_LENGTH, pattern: TEXT_PATTERN }),
    ),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 50, default: 20 }),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

export const CommentCreateBody = Type.Object(
  {
    body: Type.String({ maxLength: MAX_BODY_WIRE_LENGTH, format: TEXT_FORMAT }),
    parentId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CommentCreateBody = Static<typeof CommentCreateBody>;

export const CommentPatchBody = Type.Object(
  { body: Type.String({ maxLength: MAX_BODY_WIRE_LENGTH, format: TEXT_FORMAT }) },
  { additionalProperties: false },
);
export type CommentPatchBody = Static<typeof CommentPatchBody>;

export const CommentAuthor = Type.Object(
  {
    id: Uuid,
    /** Null until social has the author's profile (auth's event still on its way). */
    displayName: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
    initials: Type.Union([Type.String({ maxLength: 8 }), Type.Null()]),
  },
  { additionalProperties: false },
);

const commentProperties = {
  id: Uuid,
  movieId: Uuid,
  parentId: Type.Union([Uuid, Type.Null()]),
  depth: Type.Integer({ format: 'int32', minimum: 0, maximum: 20 }),
  /** hidden: by moderation (readers see no body or author); deleted: body and author removed. */
  state: Type.Union([Type.Literal('visible'), Type.Literal('hidden'), Type.Literal('deleted')]),
  /** Plain text as written; clients escape it for where they show it. */
  body: Type.Union([Type.String({ maxLength: MAX_BODY_WIRE_LENGTH }), Type.Null()]),
  author: Type.Union([CommentAuthor, Type.Null()]),
  createdAt: DateTime,
  edited: Type.Boolean(),
  editedAt: Type.Union([DateTime, Type.Null()]),
  replyCount: Type.Integer({ minimum: 0 }),
};

export const Comment = Type.Object(commentProperties, { additionalProperties: false });
export type Comment = Static<typeof Comment>;

export const ReplyPage = Type.Object(
  {
    items: Type.Array(Comment, { maxItems: 50 }),
    nextCursor: Type.Union([Type.String({ maxLength: MAX_CURSOR_LENGTH }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ReplyPage = Static<typeof ReplyPage>;

export const CommentWithReplies = Type.Object(
  { ...commentProperties, replies: ReplyPage },
  { additionalProperties: false },
);
export type CommentWithReplies = Static<typeof CommentWithReplies>;

export const CommentPage = Type.Object(
  {
    items: Type.Array(CommentWithReplies, { maxItems: 50 }),
    nextCursor: Type.Union([Type.String({ maxLength: MAX_CURSOR_LENGTH }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type CommentPage = Static<typeof CommentPage>;
