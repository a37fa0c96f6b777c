import { Type, type Static } from 'typebox';
import { TEXT_PATTERN } from '@kavosh/service-kit';

const Id = Type.String({ format: 'uuid', maxLength: 36 });
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 1, maxLength: 80 });
const Name = Type.String({ minLength: 1, maxLength: 80, pattern: TEXT_PATTERN });

export const Genre = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    name: Type.String(),
    version: Type.Integer({ minimum: 1, description: 'the ETag is "v<version>"' }),
  },
  { additionalProperties: false },
);
export type Genre = Static<typeof Genre>;

export const GenreList = Type.Object({ items: Type.Array(Genre) }, { additionalProperties: false });
export type GenreList = Static<typeof GenreList>;

export const GenreParams = Type.Object({ id: Id }, { additionalProperties: false });

export const GenreCreateBody = Type.Object(
  { name: Name, slug: Type.Optional(Slug) },
  { additionalProperties: false },
);
export type GenreCreateBody = Static<typeof GenreCreateBody>;

export const GenrePatchBody = Type.Object(
  { name: Type.Optional(Name), slug: Type.Optional(Slug) },
  { additionalProperties: false, minProperties: 1 },
);
export type GenrePatchBody = Static<typeof GenrePatchBody>;
