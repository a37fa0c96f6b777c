// The rows the hot reads answer (a list page, one movie), read two ways behind the repository:
// hand-written SQL on the raw `mariadb` pool under Prisma's adapter for the catalog's own reads,
// and Prisma for reads inside a transaction (editing). A test shows both give the same rows.
// Why: Prisma's findMany/findUnique with includes cost 4-8x the CPU of the same rows read raw
// (shared/MEASURED.md), and these are the catalog's hottest uncached paths.
import type { RawPool } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

export interface GenreRow {
  id: string;
  slug: string;
  name: string;
}

/** A movie as a list shows it. Nested lists are in no particular order (representation sorts). */
export interface MovieSummaryRow {
  id: string;
  slug: string;
  title: string;
  originalTitle: string | null;
  synopsis: string;
  year: number;
  runtimeMinutes: number | null;
  ageRating: string | null;
  premium: boolean;
  status: string;
  posterHash: string | null;
  posterType: string | null;
  ratingAverage: number | null;
  ratingCount: number;
  publishedAt: Date | null;
  updatedAt: Date;
  version: number;
  genres: GenreRow[];
  languages: string[];
}

export interface CreditRow {
  personId: string;
  name: string;
  role: string;
  character: string | null;
  position: number;
}

export interface MovieDetailRow extends MovieSummaryRow {
  createdAt: Date;
  streamKey: string;
  credits: CreditRow[];
}

// ---------------------------------------------------------------------------------------------
// Prisma

const summaryInclude = {
  genres: { include: { genre: { select: { id: true, slug: true, name: true } } } },
  languages: { select: { language: true } },
} satisfies Prisma.MovieInclude;
const detailInclude = {
  ...summaryInclude,
  credits: { include: { person: { select: { name: true } } } },
} satisfies Prisma.MovieInclude;

type PrismaSummary = Prisma.MovieGetPayload<{ include: typeof summaryInclude }>;
type PrismaDetail = Prisma.MovieGetPayload<{ include: typeof detailInclude }>;

const fromPrismaSummary = (row: PrismaSummary): MovieSummaryRow => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  originalTitle: row.originalTitle,
  synopsis: row.synopsis,
  year: row.year,
  runtimeMinutes: row.runtimeMinutes,
  ageRating: row.ageRating,
  premium: row.premium,
  status: row.status,
  posterHash: row.posterHash,
  posterType: row.posterType,
  ratingAverage: row.ratingAverage === null ? null : row.ratingAverage.toNumber(),
  ratingCount: row.ratingCount,
  publishedAt: row.publishedAt,
  updatedAt: row.updatedAt,
  version: row.version,
  genres: row.genres.map(({ genre }) => genre),
  languages: row.languages.map((l) => l.language),
});

const fromPrismaDetail = (row: PrismaDetail): MovieDetailRow => ({
  ...fromPrismaSummary(row),
  createdAt: row.createdAt,
  streamKey: row.streamKey,
  credits: row.credits.map((c) => ({
    personId: c.personId,
    name: c.person.name,
    role: c.role,
    character: c.character,
    position: c.position,
  })),
});

export const prismaReads = {
  async findSummaries(db: Tx, ids: string[]): Promise<MovieSummaryRow[]> {
    const rows = await db.movie.findMany({ where: { id: { in: ids } }, include: summaryInclude });
    return rows.map(fromPrismaSummary);
  },
  async findDetail(
    db: Tx,
    where: { id: string } | { slug: string },
  ): Promise<MovieDetailRow | null> {
    const row = await db.movie.findUnique({ where, include: detailInclude });
    return row === null ? null : fromPrismaDetail(row);
  },
};

// ---------------------------------------------------------------------------------------------
// Raw SQL. Rows come as arrays (no per-row objects), DATETIME as text (read as UTC, as Prisma's
// adapter does) and DECIMAL as text; nested lists as one JSON_ARRAYAGG each, so a page or a movie
// is one round trip. Text protocol: the adapter's pool has no prepared-statement cache.

const SUMMARY_COLUMNS = `m.id, m.slug, m.title, m.original_title, m.synopsis, m.year,
  m.runtime_minutes, m.age_rating, m.premium, m.status, m.poster_hash, m.poster_type,
  m.rating_average, m.rating_count, m.published_at, m.updated_at, m.version,
  (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', g.id, 'slug', g.slug, 'name', g.name))
     FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id WHERE mg.movie_id = m.id) AS genres,
  (SELECT JSON_ARRAYAGG(ml.language) FROM movie_languages ml WHERE ml.movie_id = m.id) AS languages`;

const DETAIL_COLUMNS = `${SUMMARY_COLUMNS}, m.created_at, m.stream_key,
  (SELECT JSON_ARRAYAGG(JSON_OBJECT('personId', c.person_id, 'name', p.name, 'role', c.role,
      'character', c.\`character\`, 'position', c.position))
     FROM credits c JOIN people p ON p.id = c.person_id WHERE c.movie_id = m.id) AS credits`;

const SUMMARIES_SQL = `SELECT ${SUMMARY_COLUMNS} FROM movies m WHERE m.id IN (?)`;
const DETAIL_BY_ID_SQL = `SELECT ${DETAIL_COLUMNS} FROM movies m WHERE m.id = ?`;
const DETAIL_BY_SLUG_SQL = `SELECT ${DETAIL_COLUMNS} FROM movies m WHERE m.slug = ?`;

/** Options of every raw read: see the comment above. */
export const RAW_READ = { rowsAsArray: true, dateStrings: true } as const;

const bad = (what: string, value: unknown): never => {
  throw new TypeError(`unexpected ${what} from the database: ${typeof value}`);
};
export const text = (v: unknown): string => (typeof v === 'string' ? v : bad('text', v));
const textOrNull = (v: unknown): string | null => (v === null ? null : text(v));
export const int = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : bad('integer', v);
const intOrNull = (v: unknown): number | null => (v === null ? null : int(v));
/** DATETIME text ('2026-01-01 10:00:00.000') as the UTC instant it stores. */
export const utc = (v: unknown): Date => new Date(`${text(v).replace(' ', 'T')}Z`);
const utcOrNull = (v: unknown): Date | null => (v === null ? null : utc(v));
/** DECIMAL text as a number. */
export const decimalOrNull = (v: unknown): number | null =>
  v === null ? null : typeof v === 'number' ? v : Number(text(v));
/** TINYINT(1) as a boolean. */
const bool = (v: unknown): boolean => int(v) !== 0;

/** A JSON_ARRAYAGG column: text on MariaDB, already parsed on MySQL (its JSON type); NULL is []. */
function jsonList(v: unknown): unknown[] {
  if (v === null) return [];
  const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(parsed) ? parsed : bad('JSON list', parsed);
}
const field = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null
    ? (Object.getOwnPropertyDescriptor(o, key)?.value ?? null)
    : null;

function summaryOf(r: unknown[]): MovieSummaryRow {
  return {
    id: text(r[0]),
    slug: text(r[1]),
    title: text(r[2]),
    originalTitle: textOrNull(r[3]),
    synopsis: text(r[4]),
    year: int(r[5]),
    runtimeMinutes: intOrNull(r[6]),
    ageRating: textOrNull(r[7]),
    premium: bool(r[8]),
    status: text(r[9]),
    posterHash: textOrNull(r[10]),
    posterType: textOrNull(r[11]),
    ratingAverage: decimalOrNull(r[12]),
    ratingCount: int(r[13]),
    publishedAt: utcOrNull(r[14]),
    updatedAt: utc(r[15]),
    version: int(r[16]),
    genres: jsonList(r[17]).map((g) => ({
      id: text(field(g, 'id')),
      slug: text(field(g, 'slug')),
      name: text(field(g, 'name')),
    })),
    languages: jsonList(r[18]).map(text),
  };
}

function detailOf(r: unknown[]): MovieDetailRow {
  return {
    ...summaryOf(r),
    createdAt: utc(r[19]),
    streamKey: text(r[20]),
    credits: jsonList(r[21]).map((c) => ({
      personId: text(field(c, 'personId')),
      name: text(field(c, 'name')),
      role: text(field(c, 'role')),
      character: textOrNull(field(c, 'character')),
      position: int(field(c, 'position')),
    })),
  };
}

const rowsOf = (result: unknown): unknown[][] =>
  Array.isArray(result) ? result.map((r) => (Array.isArray(r) ? r : bad('row', r))) : [];

export const rawReads = {
  /**
   * The rows of a page query (`page`, selecting `id` and its sort key `k`, with its own ORDER BY
   * and LIMIT) with their summaries, in one query, ordered by (k, id) in `dir`, as the page is.
   */
  async pageOfSummaries(
    pool: RawPool,
    page: { sql: string; values: unknown[] },
    dir: 'ASC' | 'DESC',
  ): Promise<{ row: MovieSummaryRow; key: unknown }[]> {
    const sql = `SELECT ${SUMMARY_COLUMNS}, p.k FROM (${page.sql}) p JOIN movies m ON m.id = p.id
      ORDER BY p.k ${dir}, p.id ${dir}`;
    const result: unknown = await pool.query({ sql, ...RAW_READ }, page.values);
    return rowsOf(result).map((r) => ({ row: summaryOf(r), key: r[19] ?? null }));
  },
  async findSummaries(pool: RawPool, ids: string[]): Promise<MovieSummaryRow[]> {
    const result: unknown = await pool.query({ sql: SUMMARIES_SQL, ...RAW_READ }, [ids]);
    return rowsOf(result).map(summaryOf);
  },
  async findDetail(
    pool: RawPool,
    where: { id: string } | { slug: string },
  ): Promise<MovieDetailRow | null> {
    const [sql, value] =
      'id' in where ? [DETAIL_BY_ID_SQL, where.id] : [DETAIL_BY_SLUG_SQL, where.slug];
    const result: unknown = await pool.query({ sql, ...RAW_READ }, [value]);
    const [row] = rowsOf(result);
    return row === undefined ? null : detailOf(row);
  },
};
