import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { CreditRole, MovieStatus } from '../movies/index.js';

type Tx = Prisma.TransactionClient;
type Sql = Database | Tx;

export interface PersonRow {
  id: string;
  name: string;
  bio: string | null;
  birthYear: number | null;
  version: number;
}

/** One credit of a person, with the movie it is in. */
export interface CreditRow {
  movieId: string;
  slug: string;
  title: string;
  year: number;
  status: MovieStatus;
  role: CreditRole;
  character: string | null;
}

const PERSON_FIELDS = { id: true, name: true, bio: true, birthYear: true, version: true } as const;

const asRole = (role: string): CreditRole => {
  if (role === 'director' || role === 'writer' || role === 'cast') return role;
  throw new Error(`credits.role holds an unknown role "${role}"`);
};

const asStatus = (status: string): MovieStatus => {
  if (status === 'draft' || status === 'published' || status === 'unpublished') return status;
  throw new Error(`movies.status holds an unknown status "${status}"`);
};

export const peopleRepository = {
  find: (sql: Sql, id: string): Promise<PersonRow | null> =>
    sql.person.findUnique({ where: { id }, select: PERSON_FIELDS }),

  /** People whose name starts with `prefix`, by name then id, strictly after `after`. */
  listByName: (
    sql: Sql,
    opts: { prefix?: string; after?: { name: string; id: string }; take: number },
  ): Promise<PersonRow[]> => {
    const { prefix, after } = opts;
    return sql.person.findMany({
      where: {
        AND: [
          prefix === undefined ? {} : { name: { startsWith: prefix } },
          after === undefined
            ? {}
            : { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] },
        ],
      },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: opts.take,
      select: PERSON_FIELDS,
    });
  },

  /** The person's credits, in published movies only unless `withUnpublished`. */
  async credits(
    sql: Sql,
    personId: string,
    opts: { withUnpublished: boolean },
  ): Promise<CreditRow[]> {
    const credits = await sql.credit.findMany({
      where: { personId, ...(opts.withUnpublished ? {} : { movie: { status: 'published' } }) },
      include: {
        movie: { select: { id: true, slug: true, title: true, year: true, status: true } },
      },
    });
    return credits.map((c) => ({
      movieId: c.movie.id,
      slug: c.movie.slug,
      title: c.movie.title,
      year: c.movie.year,
      status: asStatus(c.movie.status),
      role: asRole(c.role),
      character: c.character,
    }));
  },

  /** The movies that credit the person, each once. */
  async creditedMovieIds(sql: Sql, personId: string): Promise<string[]> {
    const movies = await sql.credit.findMany({
      where: { personId },
      select: { movieId: true },
      distinct: ['movieId'],
    });
    return movies.map((m) => m.movieId);
  },

  insert: (
    sql: Sql,
    person: { id: string; name: string; bio: string | null; birthYear: number | null; at: Date },
  ): Promise<PersonRow> =>
    sql.person.create({
      data: {
        id: person.id,
        name: person.name,
        bio: person.bio,
        birthYear: person.birthYear,
        createdAt: person.at,
        updatedAt: person.at,
      },
      select: PERSON_FIELDS,
    }),

  /** Writes the patch and bumps the version only if the row still has `version`; false if not. */
  async updateIfVersion(
    sql: Sql,
    id: string,
    version: number,
    patch: { name?: string; bio?: string | null; birthYear?: number | null; updatedAt: Date },
  ): Promise<boolean> {
    const { count } = await sql.person.updateMany({
      where: { id, version },
      data: { ...patch, version: { increment: 1 } },
    });
    return count > 0;
  },

  /**
   * How many credits name the person. FOR UPDATE locks the person's index range: no credit can
   * name them until the transaction ends.
   */
  async countCreditsLocked(tx: Tx, id: string): Promise<number> {
    const [used] = await tx.$queryRaw<{ n: bigint | number }[]>`
      SELECT COUNT(*) AS n FROM credits WHERE person_id = ${id} FOR UPDATE`;
    return Number(used?.n ?? 0);
  },

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.person.delete({ where: { id } });
  },
};
