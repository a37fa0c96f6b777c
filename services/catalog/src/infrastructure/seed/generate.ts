// The synthetic demo catalog, generated from a seed: the same seed gives the same rows.
import { createHash } from 'node:crypto';
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
export function stableId(name: string): string {
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

type DemoCredit = DemoCatalog['movies'][number]['credits'][number];

/** A director, one or two writers and three to six cast members, drawn from `people`. */
function demoCredits(rnd: () => number, movie: number, people: { id: string }[]): DemoCredit[] {
  const crew = pickDistinct(rnd, people, 1 + 2 + 6);
  const writers = 1 + Math.floor(rnd() * 2);
  const castSize = 3 + Math.floor(rnd() * 4);
  return [
    {
      id: stableId(`credit:${movie}:d`),
      personId: crew[0]?.id ?? '',
      role: 'director',
      character: null,
      position: 0,
    },
    ...crew.slice(1, 1 + writers).map((p, n) => ({
      id: stableId(`credit:${movie}:w${n}`),
      personId: p.id,
      role: 'writer' as const,
      character: null,
      position: n,
    })),
    ...crew.slice(3, 3 + castSize).map((p, n) => ({
      id: stableId(`credit:${movie}:c${n}`),
      personId: p.id,
      role: 'cast' as const,
      character: pick(rnd, CHARACTERS),
      position: n,
    })),
  ];
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
    const credits = demoCredits(rnd, i, people);
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
