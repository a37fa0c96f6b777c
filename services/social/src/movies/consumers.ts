import type { Consumer, Messaging } from '@kavosh/messaging';
import type { Prisma } from '../generated/prisma/client.js';
import { catalogMoviePublished } from './consumers/catalog-movie-published.js';
import { catalogMovieUnpublished } from './consumers/catalog-movie-unpublished.js';

export const MOVIES_QUEUE = 'social.movies';

export const startMovieConsumers = (
  messaging: Messaging<Prisma.TransactionClient>,
): Promise<Consumer> =>
  messaging.subscribe({
    queue: MOVIES_QUEUE,
    handlers: {
      'catalog.movie.published.v1': catalogMoviePublished,
      'catalog.movie.unpublished.v1': catalogMovieUnpublished,
    },
  });
