import { socialRatingChangedV1 } from '@kavosh/contracts';
import { defineHandler, type Consumer, type Messaging } from '@kavosh/messaging';
import type { Logger } from 'pino';
import type { Prisma } from '../generated/prisma/client.js';
import { applyRatingAggregate } from './projection.js';

export const RATINGS_QUEUE = 'catalog.ratings';

export interface RatingsConsumerOptions {
  logger: Logger;
  /** After the new aggregate is committed (not for duplicates): e.g. drop the cached movie. */
  onRatingChanged?: (movieId: string) => Promise<void>;
}

/** Keeps each movie's rating count, sum and average equal to social's latest aggregate. */
export const subscribeRatings = (
  messaging: Messaging<Prisma.TransactionClient>,
  { logger, onRatingChanged }: RatingsConsumerOptions,
): Promise<Consumer> =>
  messaging.subscribe({
    queue: RATINGS_QUEUE,
    handlers: {
      [socialRatingChangedV1.type]: defineHandler(
        socialRatingChangedV1.consumerSchema,
        async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
          const outcome = await applyRatingAggregate(tx, data);
          // A movie catalog does not have (deleted since it was rated) needs no rating: the event
          // is acked and dropped. Were the movie re-created, the next rating would set it again.
          if (outcome !== 'applied')
            logger.debug({ movieId: data.movieId, outcome }, 'rating not applied');
        },
      ),
    },
    ...(onRatingChanged
      ? {
          onHandled: (event) => {
            const movieId = event.subject;
            if (!movieId) return;
            onRatingChanged(movieId).catch((err: unknown) =>
              logger.warn(
                { err, movieId },
                'after a rating change, the movie could not be refreshed',
              ),
            );
          },
        }
      : {}),
  });
