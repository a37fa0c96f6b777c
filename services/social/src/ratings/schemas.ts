import { Type, type Static } from 'typebox';
import { Uuid } from '../profiles/schemas.js';

const DateTime = Type.String({ format: 'date-time', maxLength: 35 });

export const MovieParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type MovieParams = Static<typeof MovieParams>;

export const RatingBody = Type.Object(
  { value: Type.Integer({ format: 'int32', minimum: 1, maximum: 10 }) },
  { additionalProperties: false },
);
export type RatingBody = Static<typeof RatingBody>;

export const RatingAggregate = Type.Object(
  {
    ratingCount: Type.Integer({ minimum: 0 }),
    ratingSum: Type.Integer({ minimum: 0 }),
    averageRating: Type.Union([Type.Number({ minimum: 0, maximum: 10 }), Type.Null()]),
    /** When the aggregate last changed; null while nobody ever rated the movie. */
    asOf: Type.Union([DateTime, Type.Null()]),
  },
  { additionalProperties: false },
);
export type RatingAggregate = Static<typeof RatingAggregate>;

export const MovieRating = Type.Object(
  {
    movieId: Uuid,
    /** The caller's own rating; null when not rated or not signed in. */
    mine: Type.Union([
      Type.Object(
        { value: Type.Integer({ format: 'int32', minimum: 1, maximum: 10 }), ratedAt: DateTime },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    aggregate: RatingAggregate,
  },
  { additionalProperties: false },
);
export type MovieRating = Static<typeof MovieRating>;
