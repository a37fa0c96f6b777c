import type { Database } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import { GenreTaken } from './errors.js';

type Tx = Prisma.TransactionClient;
type Sql = Database | Tx;

export interface GenreRow {
  id: string;
  slug: string;
  name: string;
  version: number;
}

const GENRE_FIELDS = { id: true, slug: true, name: true, version: true } as const;

/** A duplicate name or slug (both unique) is GenreTaken. */
async function unlessTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new GenreTaken();
    }
    throw err;
  }
}

export const genresRepository = {
  find: (sql: Sql, id: string): Promise<GenreRow | null> =>
    sql.genre.findUnique({ where: { id }, select: GENRE_FIELDS }),

  /** Every genre, by name then id. */
  listByName: (sql: Sql): Promise<GenreRow[]> =>
    sql.genre.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: GENRE_FIELDS }),

  insert: (
    sql: Sql,
    genre: { id: string; name: string; slug: string; at: Date },
  ): Promise<GenreRow> =>
    unlessTaken(() =>
      sql.genre.create({
        data: {
          id: genre.id,
          name: genre.name,
          slug: genre.slug,
          createdAt: genre.at,
          updatedAt: genre.at,
        },
        select: GENRE_FIELDS,
      }),
    ),

  /** Writes the patch and bumps the version only if the row still has `version`; false if not. */
  updateIfVersion: (
    sql: Sql,
    id: string,
    version: number,
    patch: { name?: string; slug?: string; updatedAt: Date },
  ): Promise<boolean> =>
    unlessTaken(async () => {
      const { count } = await sql.genre.updateMany({
        where: { id, version },
        data: { ...patch, version: { increment: 1 } },
      });
      return count > 0;
    }),

  /**
   * How many movies have the genre. FOR UPDATE locks the genre's index range: a movie cannot take
   * the genre until the transaction ends (a delete's cascade would drop that link silently).
   */
  async countMoviesLocked(tx: Tx, id: string): Promise<number> {
    const [used] = await tx.$queryRaw<{ n: bigint | number }[]>`
      SELECT COUNT(*) AS n FROM movie_genres WHERE genre_id = ${id} FOR UPDATE`;
    return Number(used?.n ?? 0);
  },

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.genre.delete({ where: { id } });
  },
};
