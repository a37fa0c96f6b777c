import { randomUUID } from 'node:crypto';
import type { Database } from '../db.js';
import { slugify } from '../infrastructure/slug.js';
import {
  assertVersion,
  assertVersionIfGiven,
  VersionMismatch,
} from '../infrastructure/version-etag.js';
import { GenreInUse, GenreNotFound } from './errors.js';
import { genresRepository as repo, type GenreRow } from './repository.js';
import type { Genre, GenreCreateBody, GenreList, GenrePatchBody } from './schemas.js';

const toGenre = (row: GenreRow): Genre => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  version: row.version,
});

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

  async function find(id: string): Promise<GenreRow> {
    const row = await repo.find(db, id);
    if (!row) throw new GenreNotFound(id);
    return row;
  }

  return {
    async list(): Promise<GenreList> {
      return { items: (await repo.listByName(db)).map(toGenre) };
    },

    get: async (id: string): Promise<Genre> => toGenre(await find(id)),

    async create(body: GenreCreateBody): Promise<Genre> {
      const row = await repo.insert(db, {
        id: randomUUID(),
        name: body.name.trim(),
        slug: body.slug ?? slugify(body.name, 'genre'),
        at: now(),
      });
      return changed(toGenre(row));
    },

    /** If-Match required; the write only lands on the version the client read. */
    async update(id: string, body: GenrePatchBody, ifMatch: string | undefined): Promise<Genre> {
      const current = await find(id);
      assertVersion(ifMatch, current.version);
      const written = await repo.updateIfVersion(db, id, current.version, {
        name: body.name?.trim(),
        slug: body.slug,
        updatedAt: now(),
      });
      // Someone else wrote between our read and this update: their version wins.
      if (!written) throw new VersionMismatch((await find(id)).version);
      return changed(toGenre(await find(id)));
    },

    /** Refused while any movie has the genre. */
    async delete(id: string, ifMatch: string | undefined): Promise<void> {
      await db.$transaction(async (tx) => {
        const current = await repo.find(tx, id);
        if (!current) throw new GenreNotFound(id);
        assertVersionIfGiven(ifMatch, current.version);
        const movies = await repo.countMoviesLocked(tx, id);
        if (movies > 0) throw new GenreInUse(movies);
        await repo.delete(tx, id);
      });
      await changed(undefined);
    },
  };
}
export type GenresService = ReturnType<typeof createGenresService>;
