import { randomUUID } from 'node:crypto';
import type { Database } from '../db.js';
import { refreshPeopleNames } from '../movies/service.js';
import { queryFingerprint, type CursorCodec } from '../infrastructure/cursor.js';
import {
  assertVersion,
  assertVersionIfGiven,
  VersionMismatch,
} from '../infrastructure/version-etag.js';
import type { Viewer } from '../infrastructure/viewer.js';
import type { CreditRole, MovieStatus } from '../movies/schemas.js';
import { PersonInUse, PersonNotFound } from './errors.js';
import type {
  PeoplePage,
  PeopleQuery,
  Person,
  PersonCreateBody,
  PersonDetail,
  PersonPatchBody,
} from './schemas.js';

interface PersonRow {
  id: string;
  name: string;
  bio: string | null;
  birthYear: number | null;
  version: number;
}

const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  name: row.name,
  bio: row.bio,
  birthYear: row.birthYear,
  version: row.version,
});

const asRole = (role: string): CreditRole => {
  if (role === 'director' || role === 'writer' || role === 'cast') return role;
  throw new Error(`credits.role holds an unknown role "${role}"`);
};
const asStatus = (status: string): MovieStatus => {
  if (status === 'draft' || status === 'published' || status === 'unpublished') return status;
  throw new Error(`movies.status holds an unknown status "${status}"`);
};

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
    const row = await db.person.findUnique({ where: { id } });
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
      const rows = await db.person.findMany({
        where: {
          AND: [
            query.q === undefined ? {} : { name: { startsWith: query.q.trim() } },
            after === undefined
              ? {}
              : { OR: [{ name: { gt: after[0] } }, { name: after[0], id: { gt: after[1] } }] },
          ],
        },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
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
      const credits = await db.credit.findMany({
        where: { personId: id, ...(viewer.editor ? {} : { movie: { status: 'published' } }) },
        include: {
          movie: { select: { id: true, slug: true, title: true, year: true, status: true } },
        },
      });
      const filmography = credits
        .map((c) => ({
          movieId: c.movie.id,
          slug: c.movie.slug,
          title: c.movie.title,
          year: c.movie.year,
          status: asStatus(c.movie.status),
          role: asRole(c.role),
          character: c.character,
        }))
        .sort((a, b) => b.year - a.year || a.title.localeCompare(b.title));
      return { ...toPerson(person), filmography };
    },

    async create(body: PersonCreateBody): Promise<Person> {
      const at = now();
      const row = await db.person.create({
        data: {
          id: randomUUID(),
          name: body.name.trim(),
          bio: body.bio ?? null,
          birthYear: body.birthYear ?? null,
          createdAt: at,
          updatedAt: at,
        },
      });
      return toPerson(row);
    },

    /** If-Match required. A new name is written into every movie's search text in the same transaction. */
    async update(id: string, body: PersonPatchBody, ifMatch: string | undefined): Promise<Person> {
      let renamed = false;
      const person = await db.$transaction(async (tx) => {
        const current = await tx.person.findUnique({ where: { id } });
        if (!current) throw new PersonNotFound(id);
        assertVersion(ifMatch, current.version);
        const { count } = await tx.person.updateMany({
          where: { id, version: current.version },
          data: {
            name: body.name?.trim(),
            bio: body.bio,
            birthYear: body.birthYear,
            updatedAt: now(),
            version: { increment: 1 },
          },
        });
        if (count === 0) throw new VersionMismatch(current.version + 1);
        if (body.name !== undefined && body.name.trim() !== current.name) {
          renamed = true;
          const movies = await tx.credit.findMany({
            where: { personId: id },
            select: { movieId: true },
            distinct: ['movieId'],
          });
          await refreshPeopleNames(
            tx,
            movies.map((m) => m.movieId),
          );
        }
        const updated = await tx.person.findUnique({ where: { id } });
        if (!updated) throw new PersonNotFound(id);
        return toPerson(updated);
      });
      if (renamed) await deps.onRenamed?.();
      return person;
    },

    async delete(id: string, ifMatch: string | undefined): Promise<void> {
      await db.$transaction(async (tx) => {
        const current = await tx.person.findUnique({ where: { id } });
        if (!current) throw new PersonNotFound(id);
        assertVersionIfGiven(ifMatch, current.version);
        // FOR UPDATE locks the person's index range: no credit can name them meanwhile.
        const [used] = await tx.$queryRaw<{ n: bigint | number }[]>`
          SELECT COUNT(*) AS n FROM credits WHERE person_id = ${id} FOR UPDATE`;
        const credits = Number(used?.n ?? 0);
        if (credits > 0) throw new PersonInUse(credits);
        await tx.person.delete({ where: { id } });
      });
    },
  };
}
export type PeopleService = ReturnType<typeof createPeopleService>;
