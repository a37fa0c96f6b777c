import { randomUUID } from 'node:crypto';
import type { Database } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import {
  assertVersion,
  assertVersionIfGiven,
  VersionMismatch,
} from '../infrastructure/version-etag.js';
import { slugify } from '../infrastructure/slug.js';
import { GenreInUse, GenreNotFound, GenreTaken } from './errors.js';
import type { Genre, GenreCreateBody, GenreList, GenrePatchBody } from './schemas.js';

const toGenre = (row: { id: string; slug: string; name: string; version: number }): Genre => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  version: row.version,
});

const isUniqueViolation = (err: unknown) =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

/** Genres are few (tens) and change rarely: one list, sorted by name, no pagination. */
export function createGenresService(deps: {
  db: Database;
  now?: () => Date;
  /** After a write commits: genre names show in every cached read. */
  onChanged?: () => Promise<void>;
}) {
  const { db } = deps;
  const changed = async <T>(result: T): Promise<T> => {
    await deps.onChanged?.();
    return result;
  };
  const now = deps.now ?? (() => new Date());

  async function find(id: string) {
    const row = await db.genre.findUnique({ where: { id } });
    if (!row) throw new GenreNotFound(id);
    return row;
  }

  return {
    async list(): Promise<GenreList> {
      const rows = await db.genre.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
      return { items: rows.map(toGenre) };
    },

    get: async (id: string): Promise<Genre> => toGenre(await find(id)),

    async create(body: GenreCreateBody): Promise<Genre> {
      const at = now();
      try {
        const row = await db.genre.create({
          data: {
            id: randomUUID(),
            name: body.name.trim(),
            slug: body.slug ?? slugify(body.name, 'genre'),
            createdAt: at,
            updatedAt: at,
          },
        });
        return await changed(toGenre(row));
      } catch (err) {
        if (isUniqueViolation(err)) throw new GenreTaken();
        throw err;
      }
    },

    /** If-Match required; the write only lands on the version the client read. */
    async update(id: string, body: GenrePatchBody, ifMatch: string | undefined): Promise<Genre> {
      const current = await find(id);
      assertVersion(ifMatch, current.version);
      try {
        const { count } = await db.genre.updateMany({
          where: { id, version: current.version },
          data: {
            name: body.name?.trim(),
            slug: body.slug,
            updatedAt: now(),
            version: { increment: 1 },
          },
        });
        // Someone else wrote between our read and this update: their version wins.
        if (count === 0) throw new VersionMismatch((await find(id)).version);
      } catch (err) {
        if (isUniqueViolation(err)) throw new GenreTaken();
        throw err;
      }
      return changed(toGenre(await find(id)));
    },

    async delete(id: string, ifMatch: string | undefined): Promise<void> {
      await db.$transaction(async (tx) => {
        const current = await tx.genre.findUnique({ where: { id } });
        if (!current) throw new GenreNotFound(id);
        assertVersionIfGiven(ifMatch, current.version);
        // FOR UPDATE locks the genre's index range: a movie cannot take the genre meanwhile
        // (the cascade would drop that link silently).
        const [used] = await tx.$queryRaw<{ n: bigint | number }[]>`
          SELECT COUNT(*) AS n FROM movie_genres WHERE genre_id = ${id} FOR UPDATE`;
        const movies = Number(used?.n ?? 0);
        if (movies > 0) throw new GenreInUse(movies);
        await tx.genre.delete({ where: { id } });
      });
      await changed(undefined);
    },
  };
}
export type GenresService = ReturnType<typeof createGenresService>;
