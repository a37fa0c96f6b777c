import { catalogMovieUnpublishedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { applyUnpublished } from '../repository.js';

/** Newer-wins by the catalog's unpublishedAt. */
export const catalogMovieUnpublished = defineHandler(
  catalogMovieUnpublishedV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    const outcome = await applyUnpublished(tx, data.movieId, new Date(data.unpublishedAt));
    if (outcome !== 'applied')
      logger.debug({ movieId: data.movieId, outcome }, 'unpublish ignored');
  },
);
