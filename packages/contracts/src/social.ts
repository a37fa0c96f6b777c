import { Type, type Static } from 'typebox';
import { defineEvent } from './define-event.js';
import { UtcDateTime, Uuid } from './fields.js';

const MAX_RATINGS = 1_000_000_000;

export const SocialRatingChangedV1Data = Type.Object(
  {
    movieId: Uuid,
    ratingCount: Type.Integer({ minimum: 0, maximum: MAX_RATINGS }),
    ratingSum: Type.Integer({ minimum: 0, maximum: MAX_RATINGS * 10 }),
    averageRating: Type.Union([Type.Number({ minimum: 0, maximum: 10 }), Type.Null()]),
    asOf: UtcDateTime,
  },
  { additionalProperties: false },
);
export type SocialRatingChangedV1Data = Static<typeof SocialRatingChangedV1Data>;

export const socialRatingChangedV1 = defineEvent({
  type: 'social.rating.changed.v1',
  description:
    "A movie's rating aggregate changed. It is the whole aggregate, not a delta: consumers SET " +
    'their copy to it when asOf is newer than the one they hold, and never increment, so ' +
    'redelivered or reordered events are harmless. averageRating is ratingSum / ratingCount ' +
    '(null when ratingCount is 0).',
  subject: 'movieId',
  consumers: [{ service: 'catalog', purpose: 'show the average rating and count on the movie' }],
  data: SocialRatingChangedV1Data,
});
export const SocialRatingChangedV1 = socialRatingChangedV1.schema;
export type SocialRatingChangedV1 = Static<typeof SocialRatingChangedV1>;

export const SocialCommentCreatedV1Data = Type.Object(
  {
    commentId: Uuid,
    movieId: Uuid,
    authorId: Uuid,
    parentId: Type.Union([Uuid, Type.Null()]),
    createdAt: UtcDateTime,
  },
  { additionalProperties: false },
);
export type SocialCommentCreatedV1Data = Static<typeof SocialCommentCreatedV1Data>;

export const socialCommentCreatedV1 = defineEvent({
  type: 'social.comment.created.v1',
  description: 'A comment was posted on a movie, at the top level (parentId null) or as a reply.',
  subject: 'commentId',
  consumers: [{ service: 'social', purpose: 'notify the participants of the thread' }],
  data: SocialCommentCreatedV1Data,
});
export const SocialCommentCreatedV1 = socialCommentCreatedV1.schema;
export type SocialCommentCreatedV1 = Static<typeof SocialCommentCreatedV1>;
