import { Type, type Static } from 'typebox';
import { TEXT_PATTERN, HEADER_VALUE_PATTERN } from '@kavosh/service-kit';
import { MAX_CURSOR_LENGTH } from '../infrastructure/cursor.js';

/** Longest Markdown body, in characters (≈ 100 KB of mostly ASCII text). */
export const MAX_MARKDOWN_LENGTH = 100_000;
export const MAX_PAGE_SIZE = 50;
export const MAX_TAGS = 10;
export const MAX_LINKED_MOVIES = 20;

export const ArticleStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('published'),
  Type.Literal('unpublished'),
]);
export type ArticleStatus = Static<typeof ArticleStatus>;

// `\S`: a value of spaces only is refused, so trimming never leaves an empty one.
const Title = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' });
const Summary = Type.String({ maxLength: 1000, pattern: TEXT_PATTERN });
const BodyMarkdown = Type.String({
  minLength: 1,
  maxLength: MAX_MARKDOWN_LENGTH,
  pattern: '\\S',
  description: 'Markdown (CommonMark; raw HTML is shown as text)',
});
const AuthorName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '\\S',
  description: 'The byline shown with the article',
});
const Tag = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  description: 'a lower-case slug, e.g. "film-noir"',
});
const Tags = Type.Array(Tag, { maxItems: MAX_TAGS, uniqueItems: true });
const MovieIds = Type.Array(Type.String({ format: 'uuid', maxLength: 36 }), {
  maxItems: MAX_LINKED_MOVIES,
  uniqueItems: true,
  description: 'ids of existing movies',
});
const Timestamp = Type.String({ format: 'date-time' });

export const ArticleCreateBody = Type.Object(
  {
    title: Title,
    summary: Type.Optional(Type.Union([Summary, Type.Null()])),
    bodyMarkdown: BodyMarkdown,
    authorName: AuthorName,
    tags: Type.Optional(Tags),
    movieIds: Type.Optional(MovieIds),
  },
  { additionalProperties: false },
);
export type ArticleCreateBody = Static<typeof ArticleCreateBody>;

export const ArticlePatchBody = Type.Object(
  {
    title: Type.Optional(Title),
    summary: Type.Optional(Type.Union([Summary, Type.Null()])),
    bodyMarkdown: Type.Optional(BodyMarkdown),
    authorName: Type.Optional(AuthorName),
    tags: Type.Optional(Tags),
    movieIds: Type.Optional(MovieIds),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ArticlePatchBody = Static<typeof ArticlePatchBody>;

const articleFields = {
  id: Type.String({ format: 'uuid', maxLength: 36 }),
  slug: Type.String({ description: 'Stable: set from the first title, kept when it changes' }),
  title: Type.String(),
  summary: Type.Union([Type.String(), Type.Null()]),
  authorName: Type.String(),
  tags: Type.Array(Type.String()),
  movieIds: Type.Array(Type.String({ format: 'uuid', maxLength: 36 })),
  status: ArticleStatus,
  publishedAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer({ minimum: 1, description: 'The ETag is "v<version>"' }),
};

export const ArticleSummary = Type.Object(articleFields, { additionalProperties: false });
export type ArticleSummary = Static<typeof ArticleSummary>;

export const Article = Type.Object(
  {
    ...articleFields,
    bodyMarkdown: Type.String(),
    bodyHtml: Type.String({ description: 'Rendered and sanitized when the article was written' }),
  },
  { additionalProperties: false },
);
export type Article = Static<typeof Article>;

export const ArticlePage = Type.Object(
  { items: Type.Array(ArticleSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
export type ArticlePage = Static<typeof ArticlePage>;

export const ArticleListQuery = Type.Object(
  {
    tag: Type.Optional(Tag),
    movie: Type.Optional(
      Type.String({ format: 'uuid', maxLength: 36, description: 'a linked movie id' }),
    ),
    status: Type.Optional(
      Type.Union([Type.Literal('published'), Type.Literal('draft'), Type.Literal('unpublished')], {
        description: 'editors only, except published (the default)',
      }),
    ),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 }),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_CURSOR_LENGTH, pattern: TEXT_PATTERN }),
    ),
  },
  { additionalProperties: false },
);
export type ArticleListQuery = Static<typeof ArticleListQuery>;

export const ArticleParams = Type.Object(
  {
    // One path for every method (OpenAPI allows one parameter name per position): an id or a slug.
    id: Type.String({
      description: 'an id or a slug',
      minLength: 1,
      maxLength: 160,
      pattern: TEXT_PATTERN,
    }),
  },
  { additionalProperties: false },
);

export const ArticleIdParams = Type.Object(
  { id: Type.String({ format: 'uuid', maxLength: 36 }) },
  { additionalProperties: false },
);

export const IfNoneMatchHeaders = Type.Object(
  {
    'if-none-match': Type.Optional(Type.String({ maxLength: 1000, pattern: HEADER_VALUE_PATTERN })),
  },
  { additionalProperties: true },
);
