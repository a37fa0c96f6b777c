import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

export interface MoviePoster {
  id: string;
  posterHash: string | null;
  posterType: string | null;
  version: number;
}

const POSTER_FIELDS = { id: true, posterHash: true, posterType: true, version: true } as const;

export const postersRepository = {
  async movieExists(db: Database, movieId: string): Promise<boolean> {
    return (await db.movie.count({ where: { id: movieId } })) > 0;
  },

  /** The movie's poster columns, locked until the transaction ends (FOR UPDATE). */
  async lockMovie(tx: Tx, movieId: string): Promise<MoviePoster | null> {
    const rows = await tx.$queryRaw<MoviePoster[]>`
      SELECT id, poster_hash AS posterHash, poster_type AS posterType, version
      FROM movies WHERE id = ${movieId} FOR UPDATE`;
    const row = rows[0];
    return row ? { ...row, version: Number(row.version) } : null;
  },

  /** Sets the poster and bumps the version, so the movie's ETag changes with it. */
  async setPoster(
    tx: Tx,
    movieId: string,
    poster: { hash: string; type: string; at: Date },
  ): Promise<MoviePoster> {
    return tx.movie.update({
      where: { id: movieId },
      data: {
        posterHash: poster.hash,
        posterType: poster.type,
        version: { increment: 1 },
        updatedAt: poster.at,
      },
      select: POSTER_FIELDS,
    });
  },
};
