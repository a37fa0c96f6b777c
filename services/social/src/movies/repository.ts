import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../profiles/index.js';

export type MovieOutcome = 'applied' | 'stale';

export interface PublishedMovie {
  movieId: string;
  slug: string;
  title: string;
  genreIds: readonly string[];
  /** The catalog's publication time: the event time applied. */
  at: Date;
}

/** The rating aggregate's first asOf: before any real change. */
const NEVER = new Date(0);

/**
 * Marks the movie published with the event's state unless a state at least as new is held (a
 * later unpublish, or the same publish redelivered). Creates its rating aggregate row, so every
 * rating write finds a row to lock.
 */
export async function applyPublished(
  tx: Prisma.TransactionClient,
  movie: PublishedMovie,
): Promise<MovieOutcome> {
  const held = await tx.movie.findUnique({ where: { id: movie.movieId } });
  if (held && held.stateAt >= movie.at) return 'stale';
  const data = {
    slug: movie.slug,
    title: movie.title,
    published: true,
    publishedAt: movie.at,
    stateAt: movie.at,
  };
  await tx.movie.upsert({
    where: { id: movie.movieId },
    create: { id: movie.movieId, ...data },
    update: data,
  });
  await tx.movieGenre.deleteMany({ where: { movieId: movie.movieId } });
  await tx.movieGenre.createMany({
    data: movie.genreIds.map((genreId) => ({ movieId: movie.movieId, genreId })),
  });
  await tx.ratingAggregate.upsert({
    where: { movieId: movie.movieId },
    create: { movieId: movie.movieId, ratingCount: 0, ratingSum: 0n, asOf: NEVER },
    update: {},
  });
  return 'applied';
}

/**
 * Marks the movie withdrawn unless a newer state is held. A withdrawal of a movie never seen
 * published is kept too (empty slug and title), so its older publish arriving late is ignored.
 */
export async function applyUnpublished(
  tx: Prisma.TransactionClient,
  movieId: string,
  at: Date,
): Promise<MovieOutcome> {
  const held = await tx.movie.findUnique({ where: { id: movieId } });
  if (held && held.stateAt >= at) return 'stale';
  await tx.movie.upsert({
    where: { id: movieId },
    create: { id: movieId, slug: '', title: '', published: false, stateAt: at },
    update: { published: false, stateAt: at },
  });
  return 'applied';
}

export async function isPublishedRow(db: Db, movieId: string): Promise<boolean> {
  const movie = await db.movie.findUnique({ where: { id: movieId }, select: { published: true } });
  return movie?.published === true;
}
