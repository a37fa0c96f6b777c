import { publishInTx } from '@kavosh/messaging';
import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../profiles/index.js';
import { ratingChanged, type AggregateState } from './events.js';

type Tx = Prisma.TransactionClient;

interface AggregateRow {
  rating_count: number | bigint;
  rating_sum: number | bigint;
  as_of: Date;
}

/**
 * Locks the movie's aggregate row (FOR UPDATE) for the rest of the transaction: every rating
 * write takes this lock first, so concurrent writes on one movie run one after the other and
 * none is lost. Null when the movie never had an aggregate (never published).
 */
export async function lockAggregate(tx: Tx, movieId: string): Promise<AggregateState | null> {
  const rows = await tx.$queryRaw<AggregateRow[]>`
    SELECT rating_count, rating_sum, as_of FROM rating_aggregates
    WHERE movie_id = ${movieId} FOR UPDATE`;
  const row = rows[0];
  if (!row) return null;
  return {
    movieId,
    ratingCount: Number(row.rating_count),
    ratingSum: Number(row.rating_sum),
    asOf: row.as_of,
  };
}

/**
 * Applies a change of one user's rating (old and new value, either null) to the locked
 * aggregate, stores it with an asOf strictly after the previous one (catalog keeps the newest
 * by asOf at millisecond precision) and writes social.rating.changed.v1 to the outbox.
 */
export async function applyRatingChange(
  tx: Tx,
  locked: AggregateState,
  change: { old: number | null; new: number | null },
  now: Date,
  traceparent?: string,
): Promise<AggregateState> {
  const ratingCount =
    locked.ratingCount + (change.new !== null ? 1 : 0) - (change.old !== null ? 1 : 0);
  const ratingSum = locked.ratingSum + (change.new ?? 0) - (change.old ?? 0);
  const asOf = new Date(Math.max(now.getTime(), locked.asOf.getTime() + 1));
  const next: AggregateState = { movieId: locked.movieId, ratingCount, ratingSum, asOf };
  await tx.ratingAggregate.update({
    where: { movieId: locked.movieId },
    data: { ratingCount, ratingSum: BigInt(ratingSum), asOf },
  });
  await publishInTx(tx, ratingChanged(next, traceparent));
  return next;
}

export async function findRating(db: Db, userId: string, movieId: string) {
  return db.rating.findUnique({ where: { userId_movieId: { userId, movieId } } });
}

export async function upsertRating(
  tx: Tx,
  userId: string,
  movieId: string,
  value: number,
  at: Date,
): Promise<void> {
  await tx.rating.upsert({
    where: { userId_movieId: { userId, movieId } },
    create: { userId, movieId, value, createdAt: at, updatedAt: at },
    update: { value, updatedAt: at },
  });
}

export async function deleteRating(tx: Tx, userId: string, movieId: string): Promise<void> {
  await tx.rating.delete({ where: { userId_movieId: { userId, movieId } } });
}

export async function findAggregate(db: Db, movieId: string): Promise<AggregateState | null> {
  const row = await db.ratingAggregate.findUnique({ where: { movieId } });
  return row
    ? {
        movieId,
        ratingCount: row.ratingCount,
        ratingSum: Number(row.ratingSum),
        asOf: row.asOf,
      }
    : null;
}

/** The movies a user rated, in id order (the order erasure locks their aggregates in). */
export async function ratedMovieIds(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.rating.findMany({
    where: { userId },
    select: { movieId: true },
    orderBy: { movieId: 'asc' },
  });
  return rows.map((row) => row.movieId);
}
