import type { Messaging } from '@kavosh/messaging';
import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { assertPublished, MovieNotFound } from '../movies/index.js';
import { averageOf, type AggregateState } from './events.js';
import { RatingNotFound } from './errors.js';
import {
  applyRatingChange,
  deleteRating,
  findAggregate,
  findRating,
  lockAggregate,
  ratedMovieIds,
  upsertRating,
} from './repository.js';
import type { MovieRating, RatingAggregate } from './schemas.js';

type Tx = Prisma.TransactionClient;

export interface RatingAggregateChange {
  ratingCount: number;
  ratingSum: number;
  averageRating: number | null;
  asOf: string;
}

export interface RatingsServiceDeps {
  db: Database;
  messaging: Messaging<Tx>;
  now?: () => Date;
  /** After the commit of every aggregate change (live movie rooms). Must not throw. */
  onRatingAggregateChanged?: (movieId: string, aggregate: RatingAggregateChange) => void;
}

export const aggregateChange = (a: AggregateState): RatingAggregateChange => ({
  ratingCount: a.ratingCount,
  ratingSum: a.ratingSum,
  averageRating: averageOf(a.ratingCount, a.ratingSum),
  asOf: a.asOf.toISOString(),
});

const aggregateView = (a: AggregateState | null): RatingAggregate =>
  a && a.asOf.getTime() > 0
    ? aggregateChange(a)
    : { ratingCount: 0, ratingSum: 0, averageRating: null, asOf: null };

/**
 * Removes every rating of a deleted user, each under its movie's aggregate lock (taken in movie
 * id order, so it cannot deadlock with another multi-movie erasure), and publishes each movie's
 * new aggregate. Returns them for the after-commit callback.
 */
export async function eraseUserRatings(
  tx: Tx,
  userId: string,
  now: Date,
): Promise<AggregateState[]> {
  const changed: AggregateState[] = [];
  for (const movieId of await ratedMovieIds(tx, userId)) {
    const locked = await lockAggregate(tx, movieId);
    const rating = await findRating(tx, userId, movieId);
    if (!rating) continue;
    await deleteRating(tx, userId, movieId);
    if (locked) {
      changed.push(await applyRatingChange(tx, locked, { old: rating.value, new: null }, now));
    }
  }
  return changed;
}

export function createRatingsService(deps: RatingsServiceDeps) {
  const { db, messaging, onRatingAggregateChanged } = deps;
  const now = deps.now ?? (() => new Date());

  const notify = (aggregate: AggregateState) =>
    onRatingAggregateChanged?.(aggregate.movieId, aggregateChange(aggregate));

  return {
    /** The caller's rating (when signed in) and the movie's aggregate; 404 unless published. */
    async get(userId: string | null, movieId: string): Promise<MovieRating> {
      await assertPublished(db, movieId);
      const [mine, aggregate] = await Promise.all([
        userId ? findRating(db, userId, movieId) : null,
        findAggregate(db, movieId),
      ]);
      return {
        movieId,
        mine: mine ? { value: mine.value, ratedAt: mine.updatedAt.toISOString() } : null,
        aggregate: aggregateView(aggregate),
      };
    },

    /** Sets the caller's rating (one per user and movie); only a published movie (else 404). */
    async rate(userId: string, movieId: string, value: number): Promise<MovieRating> {
      const at = now();
      const { aggregate, changed } = await messaging.transaction(async (tx) => {
        await assertPublished(tx, movieId);
        const locked = await lockAggregate(tx, movieId);
        if (!locked) throw new MovieNotFound(movieId);
        const old = await findRating(tx, userId, movieId);
        await upsertRating(tx, userId, movieId, value, at);
        // The same value again changes no aggregate: nothing to publish.
        if (old?.value === value) return { aggregate: locked, changed: false };
        const next = await applyRatingChange(
          tx,
          locked,
          { old: old?.value ?? null, new: value },
          at,
        );
        return { aggregate: next, changed: true };
      });
      if (changed) notify(aggregate);
      return {
        movieId,
        mine: { value, ratedAt: at.toISOString() },
        aggregate: aggregateView(aggregate),
      };
    },

    /** Removes the caller's rating, also on a movie withdrawn since; 404 when there is none. */
    async remove(userId: string, movieId: string): Promise<MovieRating> {
      const aggregate = await messaging.transaction(async (tx) => {
        const locked = await lockAggregate(tx, movieId);
        const old = await findRating(tx, userId, movieId);
        if (!old || !locked) throw new RatingNotFound(movieId);
        await deleteRating(tx, userId, movieId);
        return applyRatingChange(tx, locked, { old: old.value, new: null }, now());
      });
      notify(aggregate);
      return { movieId, mine: null, aggregate: aggregateView(aggregate) };
    },

    notifyAll(aggregates: readonly AggregateState[]): void {
      for (const aggregate of aggregates) notify(aggregate);
    },
  };
}

export type RatingsService = ReturnType<typeof createRatingsService>;
