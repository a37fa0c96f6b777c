import type { SocialRatingChangedV1Data } from '@kavosh/contracts';
import type { Prisma } from '../generated/prisma/client.js';

export type RatingOutcome = 'applied' | 'stale' | 'unknown-movie';

/**
 * Sets the movie's copy of the rating aggregate when the event's asOf is newer than the one held
 * (the event is the whole aggregate, so a reordered or repeated one is simply not newer). It does
 * not bump the movie's `version`: that is the editors' concurrency token, and a rating is not an
 * edit. DATETIME(3) keeps milliseconds, so two aggregates within one millisecond keep the first.
 */
export async function applyRatingAggregate(
  tx: Prisma.TransactionClient,
  data: SocialRatingChangedV1Data,
): Promise<RatingOutcome> {
  const asOf = new Date(data.asOf);
  const { count } = await tx.movie.updateMany({
    where: { id: data.movieId, OR: [{ ratingAsOf: null }, { ratingAsOf: { lt: asOf } }] },
    data: {
      ratingCount: data.ratingCount,
      ratingSum: data.ratingSum,
      ratingAverage: averageOf(data),
      ratingAsOf: asOf,
    },
  });
  if (count > 0) return 'applied';
  const exists = await tx.movie.findUnique({ where: { id: data.movieId }, select: { id: true } });
  return exists ? 'stale' : 'unknown-movie';
}

// Recomputed from sum and count (the source of truth) and rounded to the column's two decimals;
// the event's averageRating is the same number, less precisely.
function averageOf({ ratingCount, ratingSum }: SocialRatingChangedV1Data): string | null {
  return ratingCount === 0 ? null : (ratingSum / ratingCount).toFixed(2);
}
