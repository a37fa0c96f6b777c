import { randomUUID } from 'node:crypto';
import type { Database } from '../db.js';
import { queryFingerprint, type CursorCodec } from '../infrastructure/cursor.js';
import {
  assertVersion,
  assertVersionIfGiven,
  VersionMismatch,
} from '../infrastructure/version-etag.js';
import type { Viewer } from '../infrastructure/viewer.js';
import { refreshPeopleNames } from '../movies/index.js';
import { PersonInUse, PersonNotFound } from './errors.js';
import { peopleRepository as repo, type PersonRow } from './repository.js';
import type {
  PeoplePage,
  PeopleQuery,
  Person,
  PersonCreateBody,
  PersonDetail,
  PersonPatchBody,
} from './schemas.js';

const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  name: row.name,
  bio: row.bio,
  birthYear: row.birthYear,
  version: row.version,
});

export function createPeopleService(deps: {
  db: Database;
  cursors: CursorCodec;
  now?: () => Date;
  /** After a rename commits: names show in cached movie details and search results. */
  onRenamed?: () => Promise<void>;
}) {
  const { db, cursors } = deps;
  const now = deps.now ?? (() => new Date());

  async function find(id: string): Promise<PersonRow> {
    const row = await repo.find(db, id);
    if (!row) throw new PersonNotFound(id);
    return row;
  }

  return {
    /** Editors' lookup by name prefix (to pick people for credits), ordered by name then id. */
    async list(query: PeopleQuery): Promise<PeoplePage> {
      const fingerprint = queryFingerprint('people', { q: query.q });
      const after = query.cursor
        ? cursors.decode(query.cursor, fingerprint, 2).map(String)
        : undefined;
      const rows = await repo.listByName(db, {
        prefix: query.q?.trim(),
        after: after === undefined ? undefined : { name: after[0] ?? '', id: after[1] ?? '' },
        take: query.limit + 1,
      });
      const items = rows.slice(0, query.limit).map(toPerson);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          rows.length > query.limit && last
            ? cursors.encode(fingerprint, [last.name, last.id])
            : null,
      };
    },

    /** A person with their filmography: published movies only, unless the viewer edits. */
    async get(id: string, viewer: Viewer): Promise<PersonDetail> {
      const person = await find(id);
      const credits = await repo.credits(db, id, { withUnpublished: viewer.editor });
      const filmography = credits.sort((a, b) => b.year - a.year || a.title.localeCompare(b.title));
      return { ...toPerson(person), filmography };
    },

    async create(body: PersonCreateBody): Promise<Person> {
      const row = await repo.insert(db, {
        id: randomUUID(),
        name: body.name.trim(),
        bio: body.bio ?? null,
        birthYear: body.birthYear ?? null,
        at: now(),
      });
      return toPerson(row);
    },

    /** If-Match required. A new name is written into every movie's search text in the same transaction. */
    async update(id: string, body: PersonPatchBody, ifMatch: string | undefined): Promise<Person> {
      let renamed = false;
      const person = await db.$transaction(async (tx) => {
        const current = await repo.find(tx, id);
        if (!current) throw new PersonNotFound(id);
        assertVersion(ifMatch, current.version);
        const written = await repo.updateIfVersion(tx, id, current.version, {
          name: body.name?.trim(),
          bio: body.bio,
          birthYear: body.birthYear,
          updatedAt: now(),
        });
        if (!written) throw new VersionMismatch(current.version + 1);
        if (body.name !== undefined && body.name.trim() !== current.name) {
          renamed = true;
          await refreshPeopleNames(tx, await repo.creditedMovieIds(tx, id));
        }
        const updated = await repo.find(tx, id);
        if (!updated) throw new PersonNotFound(id);
        return toPerson(updated);
      });
      if (renamed) await deps.onRenamed?.();
      return person;
    },

    /** Refused while any credit names the person. */
    async delete(id: string, ifMatch: string | undefined): Promise<void> {
      await db.$transaction(async (tx) => {
        const current = await repo.find(tx, id);
        if (!current) throw new PersonNotFound(id);
        assertVersionIfGiven(ifMatch, current.version);
        const credits = await repo.countCreditsLocked(tx, id);
        if (credits > 0) throw new PersonInUse(credits);
        await repo.delete(tx, id);
      });
    },
  };
}
export type PeopleService = ReturnType<typeof createPeopleService>;
