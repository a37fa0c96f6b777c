import { createHash } from 'node:crypto';
import type { Database } from '../../db.js';
import { slugify } from '../slug.js';
import {
  ADJECTIVES,
  AGE_RATINGS,
  CHARACTERS,
  FIRST_NAMES,
  GENRES,
  GOALS,
  LANGUAGES,
  LAST_NAMES,
  NOUNS,
  PLACES,
  PROFESSIONS,
  TWISTS,
} from './words.js';

/** Movies per transaction: big enough for few round trips, small enough for short locks. */
const CHUNK = 1_000;
// Publication times are spread over three years before this instant (fixed: deterministic).
const LATEST = Date.UTC(2026, 10, 1);
const SPAN_MS = 3 * 365 * 24 * 3_600_000;

/** mulberry32: a tiny seeded PRNG; the same seed gives the same catalog everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A UUID-shaped id derived from a name: a re-run produces the same rows, so it inserts nothing. */
function stableId(name: string): string {
  const h = createHash('sha256').update(`kavosh-demo:${name}`).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => {
  const value = list[Math.floor(rnd() * list.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
};

/** `count` distinct items of `list` (count ≤ list.length). */
function pickDistinct<T>(rnd: () => number, list: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(pick(rnd, list));
  return [...chosen];
}

export interface DemoCatalog {
  genres: { id: string; slug: string; name: string }[];
  people: { id: string; name: string; birthYear: number }[];
  movies: {
    id: string;
    slug: string;
    title: string;
    synopsis: string;
    year: number;
    runtimeMinutes: number;
    ageRating: string;
    premium: boolean;
    streamKey: string;
    peopleNames: string;
    ratingCount: number;
    ratingSum: bigint;
    ratingAverage: string | null;
    publishedAt: Date;
    genreIds: string[];
    languages: string[];
    credits: {
      id: string;
      personId: string;
      role: 'director' | 'writer' | 'cast';
      character: string | null;
      position: number;
    }[];
  }[];
}

function personName(i: number): string {
  const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Alex';
  const round = Math.floor(i / FIRST_NAMES.length);
  const last = LAST_NAMES[round % LAST_NAMES.length] ?? 'Doe';
  const generation = Math.floor(round / LAST_NAMES.length);
  // Past every first × last pair, a middle initial keeps names distinct.
  return generation === 0
    ? `${first} ${last}`
    : `${first} ${String.fromCharCode(64 + (generation % 26 || 26))}. ${last}`;
}

function title(rnd: () => number): string {
  const adjective = pick(rnd, ADJECTIVES);
  const noun = pick(rnd, NOUNS);
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return `The ${adjective} ${noun}`;
    case 1:
      return `${noun} of the ${pick(rnd, NOUNS)}`;
    case 2:
      return `${adjective} ${noun}s`;
    default:
      return `A ${noun} in ${pick(rnd, ['Spring', 'Autumn', 'the Dark', 'Exile', 'Bloom'])}`;
  }
}

/** The demo catalog as plain rows: the same `movies` and `seed` always give the same data. */
export function generateDemoCatalog(movies: number, seed = 7): DemoCatalog {
  const rnd = random(seed);
  const genres = GENRES.map((name) => {
    const slug = slugify(name);
    return { id: stableId(`genre:${slug}`), slug, name };
  });
  const peopleCount = Math.max(60, Math.ceil(movies * 1.2));
  const people = Array.from({ length: peopleCount }, (_, i) => ({
    id: stableId(`person:${i}`),
    name: personName(i),
    birthYear: 1930 + Math.floor(rnd() * 75),
  }));
  const names = new Map(people.map((p) => [p.id, p.name]));
  const slugs = new Set<string>();
  const list: DemoCatalog['movies'] = [];
  for (let i = 0; i < movies; i += 1) {
    const name = title(rnd);
    const year = 1950 + Math.floor(rnd() * 76);
    const base = `${slugify(name, 'movie')}-${year}`;
    let slug = base;
    for (let n = 2; slugs.has(slug); n += 1) slug = `${base}-${n}`;
    slugs.add(slug);
    const id = stableId(`movie:${i}`);
    const crew = pickDistinct(rnd, people, 1 + 2 + 6);
    const writers = 1 + Math.floor(rnd() * 2);
    const castSize = 3 + Math.floor(rnd() * 4);
    const credits: DemoCatalog['movies'][number]['credits'] = [
      {
        id: stableId(`credit:${i}:d`),
        personId: crew[0]?.id ?? '',
        role: 'director',
        character: null,
        position: 0,
      },
      ...crew.slice(1, 1 + writers).map((p, n) => ({
        id: stableId(`credit:${i}:w${n}`),
        personId: p.id,
        role: 'writer' as const,
        character: null,
        position: n,
      })),
      ...crew.slice(3, 3 + castSize).map((p, n) => ({
        id: stableId(`credit:${i}:c${n}`),
        personId: p.id,
        role: 'cast' as const,
        character: pick(rnd, CHARACTERS),
        position: n,
      })),
    ];
    // Ratings are a demo stand-in for social's projection: rating_as_of stays null, so the
    // first real social.rating.changed.v1 replaces them.
    const ratingCount = rnd() < 0.15 ? 0 : Math.floor(rnd() ** 3 * 5_000) + 1;
    const average = ratingCount === 0 ? null : Math.round((1 + rnd() * 4) * 100) / 100;
    list.push({
      id,
      slug,
      title: name,
      synopsis:
        `${pick(rnd, PROFESSIONS).replace(/^./, (c) => c.toUpperCase())} ${pick(rnd, GOALS)} ` +
        `in ${pick(rnd, PLACES)}. ${pick(rnd, TWISTS)}`,
      year,
      runtimeMinutes: 75 + Math.floor(rnd() * 90),
      ageRating: pick(rnd, AGE_RATINGS),
      premium: rnd() < 0.25,
      streamKey: `demo/${slug}`,
      peopleNames: [...new Set(credits.map((c) => names.get(c.personId) ?? ''))].join(' '),
      ratingCount,
      ratingSum: BigInt(average === null ? 0 : Math.round(average * ratingCount)),
      ratingAverage: average === null ? null : average.toFixed(2),
      publishedAt: new Date(LATEST - Math.floor(((movies - i) * SPAN_MS) / Math.max(movies, 1))),
      genreIds: pickDistinct(rnd, genres, 1 + Math.floor(rnd() * 3)).map((g) => g.id),
      languages: pickDistinct(rnd, LANGUAGES, 1 + Math.floor(rnd() * 2)),
      credits,
    });
  }
  return { genres, people, movies: list };
}

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

/**
 * Fills an empty catalog with `movies` synthetic published movies (plus genres, people, credits,
 * languages, ratings); a catalog that has any movie is left alone. Bulk inserts, one transaction
 * per chunk of movies; ids are derived from the seed, so two replicas seeding at once insert the
 * same rows and skip each other's (INSERT IGNORE). No events are published: the demo data exists
 * from the start in every service that cares (nothing has subscribed to follow it), and 10,000
 * events at start would only flood the broker.
 */
export async function seedDemoCatalog(
  db: Database,
  opts: { movies: number; seed?: number },
): Promise<{ seeded: boolean; movies: number; people: number; genres: number }> {
  if ((await db.movie.count()) > 0) return { seeded: false, movies: 0, people: 0, genres: 0 };
  const catalog = generateDemoCatalog(opts.movies, opts.seed);
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
    await db.$transaction(
      async (tx) => {
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
      },
      { timeout: 120_000 },
    );
  }
  return {
    seeded: true,
    movies: catalog.movies.length,
    people: catalog.people.length,
    genres: catalog.genres.length,
  };
}
