import { Type, type Static } from 'typebox';
import { TEXT_PATTERN } from '@kavosh/service-kit';
import { MAX_CURSOR_LENGTH } from '../infrastructure/cursor.js';
import { CreditRole, MovieStatus } from '../movies/index.js';

const Id = Type.String({ format: 'uuid', maxLength: 36 });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: TEXT_PATTERN });
const Bio = Type.Union([Type.String({ maxLength: 10_000, pattern: TEXT_PATTERN }), Type.Null()]);
const BirthYear = Type.Union([
  Type.Integer({ format: 'int32', minimum: 1800, maximum: 2200 }),
  Type.Null(),
]);

const personProperties = {
  id: Id,
  name: Type.String(),
  bio: Type.Union([Type.String(), Type.Null()]),
  birthYear: Type.Union([Type.Integer(), Type.Null()]),
  version: Type.Integer({ minimum: 1, description: 'the ETag is "v<version>"' }),
};

export const Person = Type.Object(personProperties, { additionalProperties: false });
export type Person = Static<typeof Person>;

export const FilmographyEntry = Type.Object(
  {
    movieId: Id,
    slug: Type.String(),
    title: Type.String(),
    year: Type.Integer(),
    status: MovieStatus,
    role: CreditRole,
    character: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const PersonDetail = Type.Object(
  {
    ...personProperties,
    filmography: Type.Array(FilmographyEntry, {
      description: 'published movies (editors: all), newest year first',
    }),
  },
  { additionalProperties: false },
);
export type PersonDetail = Static<typeof PersonDetail>;

export const PersonParams = Type.Object({ id: Id }, { additionalProperties: false });

export const PeopleQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        pattern: TEXT_PATTERN,
        description: 'name prefix',
      }),
    ),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_CURSOR_LENGTH, pattern: TEXT_PATTERN }),
    ),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export type PeopleQuery = Static<typeof PeopleQuery>;

export const PeoplePage = Type.Object(
  { items: Type.Array(Person), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
export type PeoplePage = Static<typeof PeoplePage>;

export const PersonCreateBody = Type.Object(
  { name: Name, bio: Type.Optional(Bio), birthYear: Type.Optional(BirthYear) },
  { additionalProperties: false },
);
export type PersonCreateBody = Static<typeof PersonCreateBody>;

export const PersonPatchBody = Type.Object(
  { name: Type.Optional(Name), bio: Type.Optional(Bio), birthYear: Type.Optional(BirthYear) },
  { additionalProperties: false, minProperties: 1 },
);
export type PersonPatchBody = Static<typeof PersonPatchBody>;
