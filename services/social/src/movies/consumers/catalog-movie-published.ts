import { catalogMoviePublishedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { applyPublished } from '../repository.js';

/** Newer-wins by the catalog's publishedAt: redelivered or reordered events change nothing. */
export const catalogMoviePublished = defineHandler(
  catalogMoviePublishedV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    const outcome = await applyPublished(tx, {
      movieId: data.movieId,
      slug: data.slug,
      title: data.title,
      genreIds: data.genreIds,
      at: new Date(data.publishedAt),
    });
    if (outcome !== 'applied') logger.debug({ movieId: data.movieId, outcome }, 'publish ignored');
  },
);
