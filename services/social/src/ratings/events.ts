import { createEvent, type CloudEvent } from '@kavosh/messaging';
import type { SocialRatingChangedV1Data } from '@kavosh/contracts';

export const SOURCE = '/kavosh/social';

export interface AggregateState {
  movieId: string;
  ratingCount: number;
  ratingSum: number;
  asOf: Date;
}

/** averageRating is ratingSum / ratingCount, null without ratings (the contract's definition). */
export const averageOf = (count: number, sum: number): number | null =>
  count === 0 ? null : sum / count;

/** The whole aggregate, so catalog can SET its copy (newer asOf wins). */
export const ratingChanged = (
  aggregate: AggregateState,
  traceparent?: string,
): CloudEvent<SocialRatingChangedV1Data> =>
  createEvent({
    type: 'social.rating.changed.v1',
    source: SOURCE,
    subject: aggregate.movieId,
    time: aggregate.asOf,
    ...(traceparent ? { traceparent } : {}),
    data: {
      movieId: aggregate.movieId,
      ratingCount: aggregate.ratingCount,
      ratingSum: aggregate.ratingSum,
      averageRating: averageOf(aggregate.ratingCount, aggregate.ratingSum),
      asOf: aggregate.asOf.toISOString(),
    },
  });
