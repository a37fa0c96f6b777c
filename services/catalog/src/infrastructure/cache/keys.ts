import { createHash } from 'node:crypto';

/** What a cached read depends on; each names one generation counter in Redis. */
export type Generation = 'all' | 'genres' | 'lists';

/** The public reads the cache holds. */
export type CacheSpec =
  /** GET /movies/:idOrSlug; ref is the path parameter as given. */
  | { kind: 'movie'; ref: string }
  /** GET /movies (filters, sort, cursor, search): the validated query with its defaults. */
  | { kind: 'movies'; query: Readonly<Record<string, unknown>> }
  /** GET /genres. */
  | { kind: 'genres'; query?: Readonly<Record<string, unknown>> };

export interface ResolvedSpec {
  /** The entry key without prefix and generations. */
  base: string;
  generations: Generation[];
  /** The movie whose counter the entry also depends on, when known without a lookup. */
  movieId?: string;
  /** A ref that is not a canonical id: its movie id is looked up in Redis (ref:<slug> → id). */
  slugRef?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** JSON with sorted keys and no undefined members: equal queries give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const digest = (text: string): string =>
  createHash('sha256').update(text).digest('base64url').slice(0, 22);

/**
 * Where an entry lives and what invalidates it. Every entry depends on `all` (people writes,
 * outage recovery) and `genres` (genre names appear in every read); a list on `lists`; a movie on
 * its own counter. Refs are URI-encoded so no ':' from a client reaches a key.
 */
export function resolveSpec(spec: CacheSpec): ResolvedSpec {
  switch (spec.kind) {
    case 'movie': {
      const ref = encodeURIComponent(spec.ref);
      return UUID.test(spec.ref)
        ? { base: `movie:${ref}`, generations: ['all', 'genres'], movieId: spec.ref }
        : { base: `movie:${ref}`, generations: ['all', 'genres'], slugRef: ref };
    }
    case 'movies':
      return {
        base: `movies:${digest(canonicalJson(spec.query))}`,
        generations: ['all', 'genres', 'lists'],
      };
    case 'genres':
      return {
        base: `genres:${digest(canonicalJson(spec.query ?? {}))}`,
        generations: ['all', 'genres'],
      };
  }
}
