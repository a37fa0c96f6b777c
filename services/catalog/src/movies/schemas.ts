import { Type, type Static } from 'typebox';
import { TEXT_PATTERN } from '@kavosh/service-kit';
import { MAX_CURSOR_LENGTH } from '../infrastructure/cursor.js';

export const MAX_PAGE_SIZE = 100;
export const MAX_QUERY_LENGTH = 200;

const Id = Type.String({ format: 'uuid', maxLength: 36 });
const Year = Type.Integer({ format: 'int32', minimum: 1870, maximum: 2200 });
/** ISO 639-1 code, optionally with a region: en, fa, pt-BR. */
const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Z]{2})?$', minLength: 2, maxLength: 8 });
const DateTime = Type.String({ format: 'date-time' });
export const MovieStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('published'),
  Type.Literal('unpublished'),
]);
export type MovieStatus = Static<typeof MovieStatus>;
export const CreditRole = Type.Union([
  Type.Literal('director'),
  Type.Literal('writer'),
  Type.Literal('cast'),
]);
export type CreditRole = Static<typeof CreditRole>;
export const MovieSort = Type.Union(
  [
    Type.Literal('newest'),
    Type.Literal('title'),
    Type.Literal('rating'),
    Type.Literal('popularity'),
  ],
  { description: 'newest: publication time; popularity: number of ratings. Ignored with q.' },
);
export type MovieSort = Static<typeof MovieSort>;

export const MovieListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: MAX_QUERY_LENGTH,
        pattern: TEXT_PATTERN,
        description: 'full-text search in titles, synopsis and people; ranked by relevance',
      }),
    ),
    genre: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 80,
        pattern: TEXT_PATTERN,
        description: 'genre slug or id',
      }),
    ),
    yearFrom: Type.Optional(Year),
    yearTo: Type.Optional(Year),
    language: Type.Optional(Language),
    premium: Type.Optional(Type.Boolean()),
    person: Type.Optional(Id),
    // Editors only: without it they see every status; anyone else sees published movies.
    status: Type.Optional(MovieStatus),
    sort: Type.Optional(MovieSort),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_CURSOR_LENGTH, pattern: TEXT_PATTERN }),
    ),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 }),
  },
  { additionalProperties: false },
);
export type MovieListQuery = Static<typeof MovieListQuery>;

/**
 * `type` or null, as one JSON Schema type list rather than anyOf, for answers: fast-json-stringify
 * serializes a type list inline, but runs a validator on every anyOf value to pick its branch,
 * which made a page of 20 movies take about 1.5x JSON.stringify's time (bench: catalog).
 */
const orNull = <T>(type: 'string' | 'integer' | 'number', options: Record<string, unknown> = {}) =>
  Type.Unsafe<T | null>({ ...options, type: [type, 'null'] });

export const GenreRef = Type.Object(
  { id: Id, slug: Type.String(), name: Type.String() },
  { additionalProperties: false },
);

const summaryProperties = {
  id: Id,
  slug: Type.String(),
  title: Type.String(),
  originalTitle: orNull<string>('string'),
  synopsis: Type.String(),
  year: Type.Integer(),
  runtimeMinutes: orNull<number>('integer'),
  ageRating: orNull<string>('string'),
  premium: Type.Boolean(),
  status: MovieStatus,
  genres: Type.Array(GenreRef),
  languages: Type.Array(Type.String()),
  ratingAverage: orNull<number>('number'),
  ratingCount: Type.Integer({ minimum: 0 }),
  posterUrl: orNull<string>('string', { description: 'immutable: changes with the image' }),
  publishedAt: orNull<string>('string', { format: 'date-time' }),
  updatedAt: DateTime,
  version: Type.Integer({ minimum: 1, description: 'the ETag is "v<version>"' }),
};

export const MovieSummary = Type.Object(summaryProperties, { additionalProperties: false });
export type MovieSummary = Static<typeof MovieSummary>;

export const MoviePage = Type.Object(
  {
    items: Type.Array(MovieSummary),
    nextCursor: orNull<string>('string', {
      description: 'pass as cursor with the same filters for the next page; null on the last',
    }),
  },
  { additionalProperties: false },
);
export type MoviePage = Static<typeof MoviePage>;

export const CreditView = Type.Object(
  {
    personId: Id,
    name: Type.String(),
    role: CreditRole,
    character: orNull<string>('string'),
    position: Type.Integer(),
  },
  { additionalProperties: false },
);

export const MovieDetail = Type.Object(
  {
    ...summaryProperties,
    credits: Type.Array(CreditView, { description: 'directors, writers, then cast by position' }),
    createdAt: DateTime,
    streamKey: Type.Optional(Type.String({ description: 'editors only' })),
  },
  { additionalProperties: false },
);
export type MovieDetail = Static<typeof MovieDetail>;

export const MovieParams = Type.Object(
  {
    // One path for every method (OpenAPI allows one parameter name per position): an id or a slug.
    id: Type.String({
      description: 'an id or a slug',
      minLength: 1,
      maxLength: 100,
      pattern: TEXT_PATTERN,
    }),
  },
  { additionalProperties: false },
);
export const MovieIdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const CreditInput = Type.Object(
  {
    personId: Id,
    role: CreditRole,
    character: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: TEXT_PATTERN })),
    position: Type.Optional(Type.Integer({ format: 'int32', minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export type CreditInput = Static<typeof CreditInput>;

const editableProperties = {
  title: Type.String({ minLength: 1, maxLength: 300, pattern: TEXT_PATTERN }),
  originalTitle: Type.Union([
    Type.String({ minLength: 1, maxLength: 300, pattern: TEXT_PATTERN }),
    Type.Null(),
  ]),
  synopsis: Type.String({ maxLength: 10_000, pattern: TEXT_PATTERN }),
  year: Year,
  runtimeMinutes: Type.Union([
    Type.Integer({ format: 'int32', minimum: 1, maximum: 1_000 }),
    Type.Null(),
  ]),
  ageRating: Type.Union([
    Type.String({ pattern: '^[A-Za-z0-9+-]{1,8}$', minLength: 1, maxLength: 8 }),
    Type.Null(),
  ]),
  languages: Type.Array(Language, { maxItems: 20, uniqueItems: true }),
  premium: Type.Boolean(),
  genreIds: Type.Array(Id, { maxItems: 20, uniqueItems: true }),
  credits: Type.Array(CreditInput, { maxItems: 200 }),
  // Path segments that cannot start with a dot: no '.', '..' or empty segment for nginx to rewrite.
  streamKey: Type.String({
    pattern: '^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$',
    minLength: 1,
    maxLength: 200,
  }),
};

export const MovieCreateBody = Type.Object(
  {
    title: editableProperties.title,
    originalTitle: Type.Optional(editableProperties.originalTitle),
    synopsis: editableProperties.synopsis,
    year: editableProperties.year,
    runtimeMinutes: Type.Optional(editableProperties.runtimeMinutes),
    ageRating: Type.Optional(editableProperties.ageRating),
    languages: Type.Optional(editableProperties.languages),
    premium: Type.Optional(editableProperties.premium),
    genreIds: Type.Optional(editableProperties.genreIds),
    credits: Type.Optional(editableProperties.credits),
    streamKey: editableProperties.streamKey,
  },
  { additionalProperties: false },
);
export type MovieCreateBody = Static<typeof MovieCreateBody>;

export const MoviePatchBody = Type.Partial(Type.Object(editableProperties), {
  additionalProperties: false,
  minProperties: 1,
});
export type MoviePatchBody = Static<typeof MoviePatchBody>;
