import { socialRatingChangedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { applyRatingAggregate } from '../repository.js';

/** Sets the movie's copy of the aggregate when it is newer than the one held. */
export const socialRatingChanged = defineHandler(
  socialRatingChangedV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    const outcome = await applyRatingAggregate(tx, data);
    // A movie catalog does not have (deleted since it was rated) needs no rating: the event is
    // acked and dropped. Were the movie created again, its next rating would set it.
    if (outcome !== 'applied')
      logger.debug({ movieId: data.movieId, outcome }, 'rating not applied');
  },
);
