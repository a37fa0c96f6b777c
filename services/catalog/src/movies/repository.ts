import { rawPoolOf, type Database } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import type { CursorValue } from '../infrastructure/cursor.js';
import {
  decimalOrNull,
  int,
  prismaReads,
  RAW_READ,
  rawReads,
  text,
  utc,
  type MovieDetailRow,
  type MovieSummaryRow,
} from './read-rows.js';
import type { CreditRole, MovieStatus } from './schemas.js';

export type { MovieDetailRow, MovieSummaryRow } from './read-rows.js';

type Tx = Prisma.TransactionClient;
type Sql = Database | Tx;

/** How a listing is ordered; `relevance` is the full-text score of `search`. */
export type ListOrder = 'newest' | 'title' | 'rating' | 'popularity' | 'relevance';

export interface ListFilter {
  status?: MovieStatus;
  genreId?: string;
  yearFrom?: number;
  yearTo?: number;
  language?: string;
  premium?: boolean;
  personId?: string;
  /** A sanitized BOOLEAN MODE expression (terms only); required with order `relevance`. */
  search?: string;
}

/** The last row of the previous page: its sort key, then its id. */
export interface Keyset {
  value: CursorValue;
  id: string;
}

export interface LockedMovie {
  version: number;
  status: string;
  slug: string;
  title: string;
  year: number;
}

interface OrderSpec {
  column: Prisma.Sql;
  desc: boolean;
  nullable: boolean;
  /** The cursor value as the query parameter to compare with. */
  param: (value: CursorValue) => unknown;
}

const asIs = (value: CursorValue) => value;
const ORDERS: Record<Exclude<ListOrder, 'relevance'>, OrderSpec> = {
  newest: {
    column: Prisma.raw('m.published_at'),
    desc: true,
    nullable: true,
    param: (v) => (typeof v === 'string' ? new Date(v) : v),
  },
  title: { column: Prisma.raw('m.title'), desc: false, nullable: false, param: asIs },
  rating: { column: Prisma.raw('m.rating_average'), desc: true, nullable: true, param: asIs },
  popularity: { column: Prisma.raw('m.rating_count'), desc: true, nullable: false, param: asIs },
};

/** A sort key as the cursor carries it: times as ISO text, decimals as text. */
function cursorValueOf(value: unknown): CursorValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

const MATCH = Prisma.raw('MATCH(m.title, m.original_title, m.synopsis, m.people_names)');

function filterConditions(filter: ListFilter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filter.status !== undefined) where.push(Prisma.sql`m.status = ${filter.status}`);
  if (filter.yearFrom !== undefined) where.push(Prisma.sql`m.year >= ${filter.yearFrom}`);
  if (filter.yearTo !== undefined) where.push(Prisma.sql`m.year <= ${filter.yearTo}`);
  if (filter.premium !== undefined) where.push(Prisma.sql`m.premium = ${filter.premium ? 1 : 0}`);
  if (filter.genreId !== undefined) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM movie_genres mg
      WHERE mg.movie_id = m.id AND mg.genre_id = ${filter.genreId})`);
  }
  if (filter.language !== undefined) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM movie_languages ml
      WHERE ml.movie_id = m.id AND ml.language = ${filter.language})`);
  }
  if (filter.personId !== undefined) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM credits c
      WHERE c.movie_id = m.id AND c.person_id = ${filter.personId})`);
  }
  if (filter.search !== undefined) {
    where.push(Prisma.sql`${MATCH} AGAINST (${filter.search} IN BOOLEAN MODE)`);
  }
  return where;
}

/**
 * Rows strictly after `after` in (column, id) order. NULL sort keys come last: MySQL and MariaDB
 * order NULL below every value, which is last in a descending order (the nullable sorts are).
 */
function afterCondition(spec: OrderSpec, after: Keyset): Prisma.Sql {
  const { column } = spec;
  if (after.value === null) return Prisma.sql`(${column} IS NULL AND m.id < ${after.id})`;
  const value = spec.param(after.value);
  const beyond = spec.desc
    ? Prisma.sql`${column} < ${value} OR (${column} = ${value} AND m.id < ${after.id})`
    : Prisma.sql`${column} > ${value} OR (${column} = ${value} AND m.id > ${after.id})`;
  return spec.nullable ? Prisma.sql`(${beyond} OR ${column} IS NULL)` : Prisma.sql`(${beyond})`;
}

const whereClause = (conditions: Prisma.Sql[]) =>
  conditions.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}`;

/** A DATETIME parameter as UTC text, the way Prisma's adapter sends it (not in local time). */
const utcText = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The parameters of `query` for the raw pool: Date as UTC text. */
const rawValues = (query: Prisma.Sql) =>
  query.values.map((v) => (v instanceof Date ? utcText(v) : v));

/** Runs `query` on the raw pool: rows as arrays, Date parameters as UTC. */
async function rawRows(pool: RawPoolGetter, query: Prisma.Sql): Promise<unknown[][]> {
  const result: unknown = await (
    await pool()
  ).query({ sql: query.sql, ...RAW_READ }, rawValues(query));
  return Array.isArray(result) ? result.filter((r): r is unknown[] => Array.isArray(r)) : [];
}
type RawPoolGetter = NonNullable<ReturnType<typeof rawPoolOf>>;

/** A sort key read raw (DATETIME and DECIMAL come as text) as the cursor carries it. */
function rawKey(order: ListOrder, v: unknown): CursorValue {
  if (v === null) return null;
  if (order === 'newest') return utc(v).toISOString();
  if (order === 'rating') return String(decimalOrNull(v));
  return order === 'title' ? text(v) : int(v);
}

/** The SQL of one page of ids and sort keys (see listPage). */
function listQuery(
  filter: ListFilter,
  order: ListOrder,
  after: Keyset | undefined,
  limit: number,
): Prisma.Sql {
  if (order === 'relevance') {
    const search = filter.search ?? '';
    const page =
      after === undefined
        ? Prisma.empty
        : Prisma.sql`WHERE (t.score < ${after.value} OR (t.score = ${after.value} AND t.id < ${after.id}))`;
    return Prisma.sql`
      SELECT t.id, t.score AS k FROM (
        SELECT m.id, ${MATCH} AGAINST (${search} IN BOOLEAN MODE) AS score
        FROM movies m ${whereClause(filterConditions(filter))}
      ) t ${page}
      ORDER BY t.score DESC, t.id DESC
      LIMIT ${limit}`;
  }
  const spec = ORDERS[order];
  const conditions = filterConditions(filter);
  if (after !== undefined) conditions.push(afterCondition(spec, after));
  const dir = Prisma.raw(spec.desc ? 'DESC' : 'ASC');
  // The sort key comes with the id: the next cursor never depends on a second read.
  return Prisma.sql`
    SELECT m.id, ${spec.column} AS k FROM movies m ${whereClause(conditions)}
    ORDER BY ${spec.column} ${dir}, m.id ${dir}
    LIMIT ${limit}`;
}

// Reads outside a transaction go to the raw pool (read-rows.ts says why); in a transaction, and
// for a client not made by createDatabase, they go through Prisma. Callers see the same rows.
export const moviesRepository = {
  /**
   * One page of movie ids (limit rows) in keyset order, each with its sort key (the relevance
   * score for searches), which is what the next page's cursor holds.
   * Parameterized SQL: the sort and filter shapes are fixed here, values are bound.
   */
  async listPage(
    db: Sql,
    filter: ListFilter,
    order: ListOrder,
    after: Keyset | undefined,
    limit: number,
  ): Promise<{ id: string; key: CursorValue }[]> {
    const query = listQuery(filter, order, after, limit);
    const pool = rawPoolOf(db);
    if (pool !== null) {
      const rows = await rawRows(pool, query);
      return rows.map((r) => ({ id: text(r[0]), key: rawKey(order, r[1] ?? null) }));
    }
    const rows = await db.$queryRaw<{ id: string; k: unknown }[]>(query);
    return order === 'relevance'
      ? rows.map((r) => ({ id: r.id, key: Number(r.k) }))
      : rows.map((r) => ({ id: r.id, key: cursorValueOf(r.k) }));
  },

  /**
   * listPage, then the summaries of its ids (rows in page order; a row deleted in between is
   * missing). On the raw pool this is one query, a round trip less on every list and search.
   */
  async listSummaryPage(
    db: Sql,
    filter: ListFilter,
    order: ListOrder,
    after: Keyset | undefined,
    limit: number,
  ): Promise<{ positions: { id: string; key: CursorValue }[]; rows: MovieSummaryRow[] }> {
    const pool = rawPoolOf(db);
    if (pool === null) {
      const positions = await moviesRepository.listPage(db, filter, order, after, limit);
      const ids = positions.map((p) => p.id);
      return { positions, rows: await moviesRepository.findSummaries(db, ids) };
    }
    const query = listQuery(filter, order, after, limit);
    const dir = order === 'relevance' || ORDERS[order].desc ? 'DESC' : 'ASC';
    const found = await rawReads.pageOfSummaries(
      await pool(),
      { sql: query.sql, values: rawValues(query) },
      dir,
    );
    return {
      positions: found.map((f) => ({ id: f.row.id, key: rawKey(order, f.key) })),
      rows: found.map((f) => f.row),
    };
  },

  /** The rows of `ids`, in the order of `ids`. */
  async findSummaries(db: Sql, ids: string[]): Promise<MovieSummaryRow[]> {
    if (ids.length === 0) return [];
    const pool = rawPoolOf(db);
    const rows =
      pool !== null
        ? await rawReads.findSummaries(await pool(), ids)
        : await prismaReads.findSummaries(db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  },

  /** One movie with its credits, by id or current slug; null when there is none. */
  async findDetail(
    db: Sql,
    where: { id: string } | { slug: string },
  ): Promise<MovieDetailRow | null> {
    const pool = rawPoolOf(db);
    return pool !== null
      ? rawReads.findDetail(await pool(), where)
      : prismaReads.findDetail(db, where);
  },

  async findCurrentSlugOfOld(db: Sql, slug: string): Promise<string | null> {
    const old = await db.movieSlug.findUnique({
      where: { slug },
      include: { movie: { select: { slug: true } } },
    });
    return old?.movie.slug ?? null;
  },

  async slugTaken(db: Sql, slug: string, exceptMovieId?: string): Promise<boolean> {
    const [current, old] = await Promise.all([
      db.movie.findUnique({ where: { slug }, select: { id: true } }),
      db.movieSlug.findUnique({ where: { slug }, select: { movieId: true } }),
    ]);
    return (
      (current !== null && current.id !== exceptMovieId) ||
      (old !== null && old.movieId !== exceptMovieId)
    );
  },

  /** Locks the row for the rest of the transaction (FOR UPDATE), so writers queue on it. */
  async lock(tx: Tx, id: string): Promise<LockedMovie | null> {
    const rows = await tx.$queryRaw<LockedMovie[]>`
      SELECT version, status, slug, title, year FROM movies WHERE id = ${id} FOR UPDATE`;
    const row = rows[0];
    return row ? { ...row, version: Number(row.version), year: Number(row.year) } : null;
  },

  /** Bumps the version only if it is still `version`: false when another writer got there first. */
  async updateIfVersion(
    tx: Tx,
    id: string,
    version: number,
    data: Prisma.MovieUpdateManyMutationInput,
  ): Promise<boolean> {
    const { count } = await tx.movie.updateMany({
      where: { id, version },
      data: { ...data, version: { increment: 1 } },
    });
    return count === 1;
  },

  async insert(tx: Tx, data: Prisma.MovieUncheckedCreateInput): Promise<void> {
    await tx.movie.create({ data });
  },

  async replaceGenres(tx: Tx, movieId: string, genreIds: string[]): Promise<void> {
    await tx.movieGenre.deleteMany({ where: { movieId } });
    if (genreIds.length > 0) {
      await tx.movieGenre.createMany({ data: genreIds.map((genreId) => ({ movieId, genreId })) });
    }
  },

  async replaceLanguages(tx: Tx, movieId: string, languages: string[]): Promise<void> {
    await tx.movieLanguage.deleteMany({ where: { movieId } });
    if (languages.length > 0) {
      await tx.movieLanguage.createMany({
        data: languages.map((language) => ({ movieId, language })),
      });
    }
  },

  async replaceCredits(
    tx: Tx,
    movieId: string,
    credits: {
      id: string;
      personId: string;
      role: CreditRole;
      character: string | null;
      position: number;
    }[],
  ): Promise<void> {
    await tx.credit.deleteMany({ where: { movieId } });
    if (credits.length > 0) {
      await tx.credit.createMany({ data: credits.map((c) => ({ ...c, movieId })) });
    }
  },

  /**
   * Rewrites people_names (what FULLTEXT ranks people by) from the current credits of each movie.
   * Called in the transaction that changes credits or renames a person.
   */
  async refreshPeopleNames(tx: Tx, movieIds: string[]): Promise<void> {
    if (movieIds.length === 0) return;
    const credits = await tx.credit.findMany({
      where: { movieId: { in: movieIds } },
      select: { movieId: true, person: { select: { name: true } } },
      orderBy: [{ movieId: 'asc' }, { position: 'asc' }],
    });
    const names = new Map<string, Set<string>>(movieIds.map((id) => [id, new Set()]));
    for (const c of credits) names.get(c.movieId)?.add(c.person.name);
    for (const [id, set] of names) {
      await tx.movie.update({ where: { id }, data: { peopleNames: [...set].join(' ') } });
    }
  },

  async addOldSlug(tx: Tx, movieId: string, slug: string): Promise<void> {
    await tx.movieSlug.upsert({ where: { slug }, create: { slug, movieId }, update: { movieId } });
  },

  /** A movie taking back one of its old slugs: it is current again, not a redirect. */
  async dropOldSlug(tx: Tx, slug: string): Promise<void> {
    await tx.movieSlug.deleteMany({ where: { slug } });
  },

  async existingIds(db: Sql, kind: 'genre' | 'person', ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows =
      kind === 'genre'
        ? await db.genre.findMany({ where: { id: { in: ids } }, select: { id: true } })
        : await db.person.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  },

  async findGenreId(db: Sql, idOrSlug: string): Promise<string | null> {
    const genre = await db.genre.findFirst({
      where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] },
      select: { id: true },
    });
    return genre?.id ?? null;
  },

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.movie.delete({ where: { id } });
  },

  count: (db: Sql) => db.movie.count(),
};
