import { randomUUID } from 'node:crypto';
import { publishInTx, type Messaging } from '@kavosh/messaging';
import type { Database } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import { slugify, uniqueSlug } from '../infrastructure/slug.js';
import { assertVersion, assertVersionIfGiven } from '../infrastructure/version-etag.js';
import type { Viewer } from '../infrastructure/viewer.js';
import {
  MovieNotFound,
  MovieStateConflict,
  ReferenceGone,
  SlugTaken,
  UnknownReference,
} from './errors.js';
import { movieEvents } from './events.js';
import { moviesRepository as repo } from './repository.js';
import type { CreditInput, MovieCreateBody, MovieDetail, MoviePatchBody } from './schemas.js';
import { normaliseCredits, toDetail } from './representation.js';

type Tx = Prisma.TransactionClient;

/** Tries of a create that lost its slug to a concurrent create. */
const MAX_SLUG_ATTEMPTS = 5;

const slugBase = (title: string, year: number) => `${slugify(title, 'movie')}-${year}`;

/** A genre or person checked at the start of the write but deleted before its commit. */
const isForeignKeyViolation = (err: unknown) =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2003';

const isUniqueViolation = (err: unknown) =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

/** For the people feature: a renamed person is searchable under the new name at once. */
export const refreshPeopleNames = (tx: Tx, movieIds: string[]): Promise<void> =>
  repo.refreshPeopleNames(tx, movieIds);

export interface MovieEditingDeps {
  messaging: Messaging<Tx>;
  now?: () => Date;
  /** After a write commits, before it answers: the read cache drops the movie and list pages. */
  onMovieChanged?: (id: string) => Promise<void>;
}

/** Editors' writes: drafts, changes, publishing and deletion, each in one transaction. */
export function createMovieEditing(deps: MovieEditingDeps) {
  const { messaging } = deps;
  const now = deps.now ?? (() => new Date());
  const changed = async <T>(id: string, result: T): Promise<T> => {
    await deps.onMovieChanged?.(id);
    return result;
  };

  async function assertReferencesExist(tx: Tx, genreIds?: string[], credits?: CreditInput[]) {
    if (genreIds !== undefined) {
      const found = await repo.existingIds(tx, 'genre', genreIds);
      const missing = genreIds.filter((id) => !found.has(id));
      if (missing.length > 0) throw new UnknownReference('genre', missing);
    }
    if (credits !== undefined) {
      const personIds = [...new Set(credits.map((c) => c.personId))];
      const found = await repo.existingIds(tx, 'person', personIds);
      const missing = personIds.filter((id) => !found.has(id));
      if (missing.length > 0) throw new UnknownReference('person', missing);
    }
  }

  async function detailIn(tx: Tx | Database, id: string, viewer: Viewer): Promise<MovieDetail> {
    const row = await repo.findDetail(tx, { id });
    if (!row) throw new MovieNotFound(id);
    return toDetail(row, viewer);
  }

  const editorView: Viewer = { editor: true };

  async function setStatus(
    id: string,
    target: 'published' | 'unpublished',
    ifMatch: string | undefined,
    traceparent: string | undefined,
  ): Promise<MovieDetail> {
    const movie = await messaging.transaction(async (tx) => {
      const current = await repo.lock(tx, id);
      if (!current) throw new MovieNotFound(id);
      assertVersionIfGiven(ifMatch, current.version);
      if (current.status === target) return detailIn(tx, id, editorView);
      if (target === 'unpublished' && current.status !== 'published') {
        throw new MovieStateConflict('Only a published movie can be unpublished.');
      }
      const at = now();
      await repo.updateIfVersion(tx, id, current.version, {
        status: target,
        updatedAt: at,
        ...(target === 'published' ? { publishedAt: at } : {}),
      });
      const movie = await detailIn(tx, id, editorView);
      await publishInTx(
        tx,
        target === 'published'
          ? movieEvents.published(
              {
                ...movie,
                genreIds: movie.genres.map((g) => g.id),
                peopleIds: [...new Set(movie.credits.map((c) => c.personId))],
              },
              at,
              traceparent,
            )
          : movieEvents.unpublished(id, at, traceparent),
      );
      return movie;
    });
    return changed(id, movie);
  }

  return {
    /** A new draft: nothing leaves the catalog (no event) until it is published. */
    async create(body: MovieCreateBody): Promise<MovieDetail> {
      const credits = normaliseCredits(body.credits ?? []);
      for (let attempt = 1; ; attempt += 1) {
        try {
          const movie = await messaging.transaction(async (tx) => {
            await assertReferencesExist(tx, body.genreIds, body.credits);
            const id = randomUUID();
            const at = now();
            const slug = await uniqueSlug(slugBase(body.title, body.year), (s) =>
              repo.slugTaken(tx, s),
            );
            await repo.insert(tx, {
              id,
              slug,
              title: body.title,
              originalTitle: body.originalTitle ?? null,
              synopsis: body.synopsis,
              year: body.year,
              runtimeMinutes: body.runtimeMinutes ?? null,
              ageRating: body.ageRating ?? null,
              premium: body.premium ?? false,
              streamKey: body.streamKey,
              status: 'draft',
              createdAt: at,
              updatedAt: at,
            });
            await repo.replaceGenres(tx, id, body.genreIds ?? []);
            await repo.replaceLanguages(tx, id, body.languages ?? []);
            await repo.replaceCredits(tx, id, credits);
            await repo.refreshPeopleNames(tx, [id]);
            return detailIn(tx, id, editorView);
          });
          return await changed(movie.id, movie);
        } catch (err) {
          if (isForeignKeyViolation(err)) throw new ReferenceGone();
          // Editors creating the same title and year at once: the loser takes the next suffix.
          if (!isUniqueViolation(err)) throw err;
          if (attempt >= MAX_SLUG_ATTEMPTS) throw new SlugTaken(slugBase(body.title, body.year));
        }
      }
    },

    /** PATCH: If-Match is required; the version moves by one, atomically with the change. */
    async update(
      id: string,
      body: MoviePatchBody,
      ifMatch: string | undefined,
    ): Promise<MovieDetail> {
      const credits = body.credits === undefined ? undefined : normaliseCredits(body.credits);
      try {
        const movie = await messaging.transaction(async (tx) => {
          const locked = await repo.lock(tx, id);
          if (!locked) throw new MovieNotFound(id);
          assertVersion(ifMatch, locked.version);
          await assertReferencesExist(tx, body.genreIds, body.credits);
          let slug = locked.slug;
          if (body.title !== undefined || body.year !== undefined) {
            // The slug follows title and year, but stays put while they still produce it.
            const base = slugBase(body.title ?? locked.title, body.year ?? locked.year);
            if (slug !== base && !new RegExp(`^${base}-\\d+$`).test(slug)) {
              slug = await uniqueSlug(base, (s) => repo.slugTaken(tx, s, id));
              await repo.addOldSlug(tx, id, locked.slug);
              await repo.dropOldSlug(tx, slug);
            }
          }
          await repo.updateIfVersion(tx, id, locked.version, {
            slug,
            title: body.title,
            originalTitle: body.originalTitle,
            synopsis: body.synopsis,
            year: body.year,
            runtimeMinutes: body.runtimeMinutes,
            ageRating: body.ageRating,
            premium: body.premium,
            streamKey: body.streamKey,
            updatedAt: now(),
          });
          if (body.genreIds !== undefined) await repo.replaceGenres(tx, id, body.genreIds);
          if (body.languages !== undefined) await repo.replaceLanguages(tx, id, body.languages);
          if (credits !== undefined) {
            await repo.replaceCredits(tx, id, credits);
            await repo.refreshPeopleNames(tx, [id]);
          }
          return detailIn(tx, id, editorView);
        });
        return await changed(id, movie);
      } catch (err) {
        if (isUniqueViolation(err)) throw new SlugTaken(body.title ?? id);
        if (isForeignKeyViolation(err)) throw new ReferenceGone();
        throw err;
      }
    },

    publish: (id: string, ifMatch: string | undefined, traceparent?: string) =>
      setStatus(id, 'published', ifMatch, traceparent),

    unpublish: (id: string, ifMatch: string | undefined, traceparent?: string) =>
      setStatus(id, 'unpublished', ifMatch, traceparent),

    /** Deleting a published movie withdraws it first: viewers' projections hear about it. */
    async delete(id: string, ifMatch: string | undefined, traceparent?: string): Promise<void> {
      await messaging.transaction(async (tx) => {
        const current = await repo.lock(tx, id);
        if (!current) throw new MovieNotFound(id);
        assertVersionIfGiven(ifMatch, current.version);
        await repo.delete(tx, id);
        if (current.status === 'published') {
          await publishInTx(tx, movieEvents.unpublished(id, now(), traceparent));
        }
      });
      await changed(id, undefined);
    },
  };
}
export type MovieEditing = ReturnType<typeof createMovieEditing>;
