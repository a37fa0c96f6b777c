import { catalogMoviePublishedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import { Prisma } from '../../generated/prisma/client.js';
import type { Notifier } from '../service.js';

/**
 * Tells each follower of any of the movie's genres, once per user however many of its genres they
 * follow. At most `fanoutMax` users (the earliest followers are not favoured: ordered by user id);
 * the inserts are batched, all in the consumer's transaction.
 */
export const catalogMoviePublished = (notifier: Notifier, { fanoutMax }: { fanoutMax: number }) =>
  defineHandler(
    catalogMoviePublishedV1.consumerSchema,
    async ({ id, data }, tx: Prisma.TransactionClient, { logger }) => {
      if (data.genreIds.length === 0) return;
      const followers = await tx.$queryRaw<{ user_id: string }[]>`
        SELECT DISTINCT user_id FROM genre_follows
        WHERE genre_id IN (${Prisma.join(data.genreIds)})
        ORDER BY user_id
        LIMIT ${fanoutMax + 1}`;
      if (followers.length > fanoutMax) {
        logger.warn(
          { movieId: data.movieId, fanoutMax },
          'more followers of its genres than NOTIFY_GENRE_FANOUT_MAX: the rest are not notified',
        );
      }
      const movie = {
        movieId: data.movieId,
        title: data.title,
        slug: data.slug,
        genreIds: data.genreIds,
      };
      await notifier.createFromEvent(
        tx,
        id,
        followers.slice(0, fanoutMax).map(({ user_id }) => ({
          userId: user_id,
          kind: 'movie.published' as const,
          data: movie,
        })),
      );
    },
  );
