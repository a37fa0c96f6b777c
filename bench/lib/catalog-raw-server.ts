// Child process of bench/catalog.ts: the floor of catalog's uncached reads. node:http, the raw
// `mariadb` pool (the size and settings of the one under catalog's Prisma adapter) and
// hand-written SQL answer GET /movies?limit=<n> (newest published first, with a signed cursor)
// and GET /movies/<slug> with the same rows and the same JSON as the service; the bench checks
// that they are equal. No validation, logging, metrics, tracing or ETag: only the work any
// implementation must do.
import { createHmac } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { createPool } from 'mariadb';

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl === undefined) throw new Error('DATABASE_URL is required');
const url = new URL(databaseUrl);
const pool = createPool({
  host: url.hostname,
  port: Number(url.port || 3306),
  user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password),
  database: url.pathname.slice(1),
  connectionLimit: 10,
  prepareCacheLength: 0,
});
const CURSOR_SECRET = 'bench-catalog-raw-cursor-secret-0123456789';
const FINGERPRINT = createHmac('sha256', 'fingerprint').update('movies newest').digest('base64url');
const POSTER_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};
const ROLE_RANK: Record<string, number> = { director: 0, writer: 1, cast: 2 };

const COLUMNS = `m.id, m.slug, m.title, m.original_title, m.synopsis, m.year,
  m.runtime_minutes, m.age_rating, m.premium, m.status, m.poster_hash, m.poster_type,
  m.rating_average, m.rating_count, m.published_at, m.updated_at, m.version,
  (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', g.id, 'slug', g.slug, 'name', g.name))
     FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id WHERE mg.movie_id = m.id) AS genres,
  (SELECT JSON_ARRAYAGG(ml.language) FROM movie_languages ml WHERE ml.movie_id = m.id) AS languages`;
// A page of ids and its summaries in one query, as the service reads them.
const PAGE_SQL = `SELECT ${COLUMNS}, p.k FROM (
    SELECT m.id, m.published_at AS k FROM movies m WHERE m.status = 'published'
    ORDER BY m.published_at DESC, m.id DESC LIMIT ?
  ) p JOIN movies m ON m.id = p.id ORDER BY p.k DESC, p.id DESC`;
const DETAIL_SQL = `SELECT ${COLUMNS}, m.created_at,
  (SELECT JSON_ARRAYAGG(JSON_OBJECT('personId', c.person_id, 'name', p.name, 'role', c.role,
      'character', c.\`character\`, 'position', c.position))
     FROM credits c JOIN people p ON p.id = c.person_id WHERE c.movie_id = m.id) AS credits
  FROM movies m WHERE m.slug = ? AND m.status = 'published'`;
const OPTIONS = { rowsAsArray: true, dateStrings: true } as const;

type Row = unknown[];
interface Genre {
  id: string;
  slug: string;
  name: string;
}
interface Credit {
  personId: string;
  name: string;
  role: string;
  character: string | null;
  position: number;
}

const iso = (v: unknown): string | null =>
  typeof v === 'string' ? new Date(`${v.replace(' ', 'T')}Z`).toISOString() : null;
const json = <T>(v: unknown): T[] =>
  v === null ? [] : typeof v === 'string' ? (JSON.parse(v) as T[]) : (v as T[]);

function summary(r: Row) {
  const posterType = r[11] as string | null;
  const extension = posterType === null ? undefined : POSTER_EXTENSIONS[posterType];
  return {
    id: r[0],
    slug: r[1],
    title: r[2],
    originalTitle: r[3],
    synopsis: r[4],
    year: r[5],
    runtimeMinutes: r[6],
    ageRating: r[7],
    premium: r[8] !== 0,
    status: r[9],
    genres: json<Genre>(r[17]).sort((a, b) => a.name.localeCompare(b.name)),
    languages: json<string>(r[18]).sort(),
    ratingAverage: r[12] === null ? null : Number(r[12]),
    ratingCount: r[13],
    posterUrl:
      r[10] === null || extension === undefined
        ? null
        : `/api/catalog/posters/${String(r[10])}.${extension}`,
    publishedAt: iso(r[14]),
    updatedAt: iso(r[15]),
    version: r[16],
  };
}

async function list(limit: number): Promise<string> {
  const page: Row[] = await pool.query({ sql: PAGE_SQL, ...OPTIONS }, [limit + 1]);
  const items = page.slice(0, limit).map(summary);
  const last = page[limit - 1];
  let nextCursor: string | null = null;
  if (page.length > limit && last) {
    const payload = Buffer.from(
      JSON.stringify({ f: FINGERPRINT, k: [iso(last[19]), last[0]] }),
    ).toString('base64url');
    nextCursor = `${payload}.${createHmac('sha256', CURSOR_SECRET).update(payload).digest('base64url')}`;
  }
  return JSON.stringify({ items, nextCursor });
}

async function detail(slug: string): Promise<string | null> {
  const [row]: Row[] = await pool.query({ sql: DETAIL_SQL, ...OPTIONS }, [slug]);
  if (!row) return null;
  const credits = json<Credit>(row[20]).sort(
    (a, b) =>
      (ROLE_RANK[a.role] ?? 9) - (ROLE_RANK[b.role] ?? 9) ||
      a.position - b.position ||
      a.name.localeCompare(b.name),
  );
  return JSON.stringify({ ...summary(row), credits, createdAt: iso(row[19]) });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const server = createServer((req, res) => {
  const target = new URL(req.url ?? '/', 'http://x');
  const answer =
    target.pathname === '/movies'
      ? list(Number(target.searchParams.get('limit') ?? 20))
      : target.pathname.startsWith('/movies/')
        ? detail(decodeURIComponent(target.pathname.slice('/movies/'.length)))
        : Promise.resolve(null);
  answer.then(
    (body) => (body === null ? send(res, 404, '{}') : send(res, 200, body)),
    (err: unknown) => send(res, 500, JSON.stringify({ error: String(err) })),
  );
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
