import type { CatalogMoviePublishedV1Data } from '@kavosh/contracts';
import type { CloudEvent } from '@kavosh/messaging';
import type { Database } from '../../db.js';
import { movieEvents } from '../../movies/events.js';
import { generateDemoCatalog, stableId, type DemoCatalog } from './generate.js';

/** Movies per transaction: big enough for few round trips, small enough for short locks. */
const CHUNK = 1_000;

type Executor = Pick<Database, '$executeRawUnsafe'>;

/** Bound parameters per statement: well under the protocol's 65,535 placeholders. */
const MAX_PARAMS = 30_000;

/**
 * Multi-row INSERT IGNORE (MySQL and MariaDB): table and columns are constants of this file,
 * every value is a bound parameter. Three times faster than createMany for 10,000 movies.
 */
async function insertRows(
  db: Executor,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const perStatement = Math.floor(MAX_PARAMS / columns.length);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const names = columns.map((c) => `\`${c}\``).join(', ');
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    await db.$executeRawUnsafe(
      `INSERT IGNORE INTO ${table} (${names}) VALUES ${part.map(() => tuple).join(', ')}`,
      ...part.flat(),
    );
  }
}

/** DATETIME(3) text in UTC, whatever the driver's or server's time zone. */
const utc = (at: Date) => at.toISOString().replace('T', ' ').replace('Z', '');

type DemoMovie = DemoCatalog['movies'][number];

/**
 * The event an editor's publish writes, with an id derived from the movie's: a second replica
 * seeding the same chunk inserts no second copy (outbox.event_id is unique).
 */
export function demoPublishedEvent(m: DemoMovie): CloudEvent<CatalogMoviePublishedV1Data> {
  const event = movieEvents.published(
    { ...m, peopleIds: [...new Set(m.credits.map((c) => c.personId))] },
    m.publishedAt,
  );
  return { ...event, id: stableId(`event:catalog.movie.published.v1:${m.id}`) };
}

/**
 * One chunk of movies with their genres, languages, credits and published events (the outbox
 * rows the relay sends, as publishInTx writes them), in the caller's transaction.
 */
async function insertMovies(tx: Executor, chunk: DemoMovie[], now: string): Promise<void> {
  await insertRows(
    tx,
    'movies',
    [
      'id',
      'slug',
      'title',
      'synopsis',
      'year',
      'runtime_minutes',
      'age_rating',
      'premium',
      'status',
      'stream_key',
      'people_names',
      'rating_count',
      'rating_sum',
      'rating_average',
      'published_at',
      'created_at',
      'updated_at',
    ],
    chunk.map((m) => [
      m.id,
      m.slug,
      m.title,
      m.synopsis,
      m.year,
      m.runtimeMinutes,
      m.ageRating,
      m.premium ? 1 : 0,
      'published',
      m.streamKey,
      m.peopleNames,
      m.ratingCount,
      m.ratingSum.toString(),
      m.ratingAverage,
      utc(m.publishedAt),
      utc(m.publishedAt),
      utc(m.publishedAt),
    ]),
  );
  await insertRows(
    tx,
    'movie_genres',
    ['movie_id', 'genre_id'],
    chunk.flatMap((m) => m.genreIds.map((genreId) => [m.id, genreId])),
  );
  await insertRows(
    tx,
    'movie_languages',
    ['movie_id', 'language'],
    chunk.flatMap((m) => m.languages.map((language) => [m.id, language])),
  );
  await insertRows(
    tx,
    'credits',
    ['id', 'movie_id', 'person_id', 'role', 'character', 'position'],
    chunk.flatMap((m) =>
      m.credits.map((c) => [c.id, m.id, c.personId, c.role, c.character, c.position]),
    ),
  );
  await insertRows(
    tx,
    'outbox',
    ['event_id', 'type', 'subject', 'envelope', 'created_at'],
    chunk.map((m) => {
      const event = demoPublishedEvent(m);
      return [event.id, event.type, event.subject, JSON.stringify(event), now];
    }),
  );
}

/**
 * Fills an empty catalog with `movies` synthetic published movies (plus genres, people, credits,
 * languages, ratings); a catalog that has any movie is left alone. Bulk inserts, one transaction
 * per chunk of movies; ids are derived from the seed, so two replicas seeding at once insert the
 * same rows and skip each other's (INSERT IGNORE). Each movie's catalog.movie.published.v1 goes
 * into the outbox in its chunk's transaction, as an editor's publish does: social's projection of
 * published movies learns the demo movies (else rating or commenting one is a 404). Its event id
 * is derived too, so concurrent seeds write each event once; consumers dedupe by id anyway.
 */
export async function seedDemoCatalog(
  db: Database,
  opts: { movies: number; seed?: number },
): Promise<{ seeded: boolean; movies: number; people: number; genres: number }> {
  if ((await db.movie.count()) > 0) return { seeded: false, movies: 0, people: 0, genres: 0 };
  const catalog = generateDemoCatalog(opts.movies, opts.seed);
  await writeDemoCatalog(db, catalog);
  return {
    seeded: true,
    movies: catalog.movies.length,
    people: catalog.people.length,
    genres: catalog.genres.length,
  };
}

/**
 * Writes `catalog` whatever is there already: what a replica does when another one passed the
 * empty check at the same moment (every row, event included, is skipped if present).
 */
export async function writeDemoCatalog(db: Database, catalog: DemoCatalog): Promise<void> {
  const now = utc(new Date());
  await insertRows(
    db,
    'genres',
    ['id', 'slug', 'name', 'created_at', 'updated_at'],
    catalog.genres.map((g) => [g.id, g.slug, g.name, now, now]),
  );
  await insertRows(
    db,
    'people',
    ['id', 'name', 'birth_year', 'created_at', 'updated_at'],
    catalog.people.map((p) => [p.id, p.name, p.birthYear, now, now]),
  );
  for (let i = 0; i < catalog.movies.length; i += CHUNK) {
    const chunk = catalog.movies.slice(i, i + CHUNK);
    await db.$transaction((tx) => insertMovies(tx, chunk, now), { timeout: 120_000 });
  }
}
