import { Type } from 'typebox';

/** The ~1 KB JSON body both bench servers return, and its response schema. */
export const MovieList = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          slug: Type.String(),
          title: Type.String(),
          year: Type.Integer(),
          premium: Type.Boolean(),
          genres: Type.Array(Type.String()),
          ratingAverage: Type.Number(),
        },
        { additionalProperties: false },
      ),
    ),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const PAYLOAD = {
  items: Array.from({ length: 6 }, (_, i) => ({
    id: `01JD6Q8Z3W9K${String(i).padStart(14, '0')}`,
    slug: `the-long-night-of-movie-${i}`,
    title: `The Long Night of Movie ${i}`,
    year: 1990 + i,
    premium: i % 2 === 0,
    genres: ['drama', 'thriller'],
    ratingAverage: 3.5 + i / 10,
  })),
  nextCursor: 'eyJpZCI6IjAxSkQ2UThaM1c5SzAwMDAwMDAwMDAwMDA1In0',
};
