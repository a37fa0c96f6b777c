import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { CachePolicy } from './http.js';
import { ETAG_LENGTH, ifNoneMatchHits, strongEtag } from './body-etag.js';
import { resolveSpec, type CacheSpec } from './keys.js';
import { createLoadLock } from './load-lock.js';
import { luaScript } from './redis.js';
import { BUMP_SCRIPT, READ_SCRIPT } from './scripts.js';

/** What a loader gives the cache: a serialized body to keep, or a value it must not keep (a redirect). */
export type Loaded<P> =
  | {
      body: string;
      /** The movie the body shows: keys a slug to its id, so the movie's counter covers it. */
      movieId?: string;
    }
  | { pass: P };
export type Loader<P> = () => Promise<Loaded<P>>;

/** hit: from Redis; miss: loaded and stored; bypass: loaded, Redis unavailable or cache off. */
export type CacheResult = 'hit' | 'miss' | 'bypass';

export type CacheOutcome<P> =
  | { kind: 'body'; etag: string; body: string; result: CacheResult }
  /** The client's If-None-Match already holds the current tag. */
  | { kind: 'not-modified'; etag: string; result: CacheResult }
  | { kind: 'pass'; value: P; result: CacheResult };

export interface CatalogCache {
  /** false when CATALOG_CACHE=off: every read loads. */
  readonly enabled: boolean;
  /** Cache-Control lifetimes of public reads (clients and CDNs), used by serveCached. */
  readonly policy: CachePolicy;
  /**
   * Read-through: the entry for spec, or the loader's result (stored under the generations read
   * before loading). Never throws for Redis; a loader's error propagates.
   */
  read<P>(spec: CacheSpec, load: Loader<P>, ifNoneMatch?: '*' | string[]): Promise<CacheOutcome<P>>;
  /** After a movie write commits: its detail and every list page. */
  invalidateMovie(id: string): Promise<void>;
  /** After a change that moves list pages only (e.g. a projection feeding sort keys). */
  invalidateLists(): Promise<void>;
  /** After a genre write: genre names show in every read, so everything goes. */
  invalidateGenres(): Promise<void>;
  /** After a change no narrower call covers (a person's name shows in credits and search). */
  invalidateAll(): Promise<void>;
  close(): Promise<void>;
}

export interface CatalogCacheOptions {
  /** null: the cache is off and every read loads. */
  redis: Redis | null;
  /** Every key starts with it: 'catalog:' in production, one per test file. */
  keyPrefix: string;
  /** Entries expire after this long even without a write (a bound for what no counter covers). */
  ttlSeconds: number;
  policy: CachePolicy;
  /** How long a miss waits for another process loading the same key before loading itself. */
  loadWaitMs?: number;
  logger: Logger;
  metrics?: Registry;
}

type Flight = { kind: 'body'; etag: string; body: string } | { kind: 'pass' };

const PASS: Flight = { kind: 'pass' };
// A slug → id mapping is only a hint (checked against what was loaded), so it may live long.
const SLUG_MAP_TTL_SECONDS = 24 * 60 * 60;

/**
 * The catalog's read-through cache. Each entry's key carries the generation counters it depends
 * on, read in the same Lua call as the entry: a write bumps the counters after its commit and
 * before it answers, so a read that starts after the answer computes a new key and cannot see
 * the old entry, and a reader that loaded the old row before the bump stores it under the old
 * key, where nobody looks any more. Concurrent misses of one key in this process share one load;
 * across processes a short lock in Redis lets one load while the others wait for its entry.
 */
export function createCatalogCache(opts: CatalogCacheOptions): CatalogCache {
  const { redis, keyPrefix: prefix, logger } = opts;
  const readScript = luaScript(READ_SCRIPT);
  const bumpScript = luaScript(BUMP_SCRIPT);
  const flights = new Map<string, Promise<Flight>>();
  const loadLock = redis
    ? createLoadLock({ redis, lockTtlMs: 5_000, waitMs: opts.loadWaitMs ?? 500 })
    : null;
  const requests = counterOn(opts.metrics);
  let degraded = false;
  // Set when a counter bump failed: entries in Redis may be stale, so nothing is read from it
  // until `all` has been bumped.
  let mustFlush = false;

  const markDown = (err: unknown) => {
    if (degraded) return;
    degraded = true;
    logger.warn({ err }, 'cache unavailable: reads go to MySQL until Redis answers');
  };
  const markUp = () => {
    if (!degraded) return;
    degraded = false;
    logger.info('cache available again');
  };
  redis?.on('error', markDown);

  const count = <P>(outcome: CacheOutcome<P>): CacheOutcome<P> => {
    requests.inc({ result: outcome.result });
    return outcome;
  };

  const toOutcome = <P>(
    flight: { etag: string; body: string },
    ifNoneMatch: '*' | string[],
    result: CacheResult,
  ): CacheOutcome<P> =>
    ifNoneMatchHits(ifNoneMatch, flight.etag)
      ? { kind: 'not-modified', etag: flight.etag, result }
      : { kind: 'body', etag: flight.etag, body: flight.body, result };

  const loadDirect = async <P>(
    load: Loader<P>,
    ifNoneMatch: '*' | string[],
    result: CacheResult,
  ): Promise<CacheOutcome<P>> => {
    const loaded = await load();
    if ('pass' in loaded) return { kind: 'pass', value: loaded.pass, result };
    return toOutcome({ etag: strongEtag(loaded.body), body: loaded.body }, ifNoneMatch, result);
  };

  const quietly = async (what: () => Promise<unknown>): Promise<boolean> => {
    if (!redis) return false;
    try {
      await what();
      markUp();
      return true;
    } catch (err) {
      markDown(err);
      return false;
    }
  };

  /**
   * Before loading a missed key: take the cross-process lock (token), or wait for the entry the
   * holder stores. Redis trouble or a holder that takes too long: load without the lock.
   */
  const lockOrEntry = async (
    key: string,
  ): Promise<{ kind: 'load'; token: string | null } | { kind: 'entry'; flight: Flight }> => {
    if (!loadLock) return { kind: 'load', token: null };
    try {
      const token = await loadLock.acquire(key);
      if (token !== null) return { kind: 'load', token };
      logger.debug({ key }, 'another process is loading this key: waiting for its entry');
      const entry = await loadLock.waitForEntry(key);
      if (entry === null) return { kind: 'load', token: null };
      return {
        kind: 'entry',
        flight: { kind: 'body', etag: entry.slice(0, ETAG_LENGTH), body: entry.slice(ETAG_LENGTH) },
      };
    } catch (err) {
      markDown(err);
      return { kind: 'load', token: null };
    }
  };

  const bump = async (names: string[]): Promise<void> => {
    if (!redis) return;
    const keys = names.map((name) => `${prefix}gen:${name}`);
    if (!(await quietly(() => bumpScript(redis, keys, [])))) mustFlush = true;
  };

  return {
    enabled: redis !== null,
    policy: opts.policy,

    async read<P>(
      spec: CacheSpec,
      load: Loader<P>,
      ifNoneMatch: '*' | string[] = [],
    ): Promise<CacheOutcome<P>> {
      if (!redis) return count(await loadDirect(load, ifNoneMatch, 'bypass'));
      if (mustFlush) {
        const flushed = await quietly(() => bumpScript(redis, [`${prefix}gen:all`], []));
        if (!flushed) return count(await loadDirect(load, ifNoneMatch, 'bypass'));
        mustFlush = false;
      }
      const resolved = resolveSpec(spec);
      let reply: ReturnType<typeof parseReadReply>;
      try {
        const raw = await readScript(
          redis,
          [],
          [
            prefix,
            resolved.base,
            resolved.generations.join(','),
            resolved.movieId ?? '',
            resolved.slugRef ?? '',
            ifNoneMatch === '*' ? '*' : ifNoneMatch.join(' '),
            ETAG_LENGTH,
          ],
        );
        reply = parseReadReply(raw);
        markUp();
      } catch (err) {
        markDown(err);
        return count(await loadDirect(load, ifNoneMatch, 'bypass'));
      }
      const [status, key, value] = reply;

      if (status === 3) return count({ kind: 'not-modified', etag: value, result: 'hit' });
      if (status === 2) {
        return count(
          toOutcome(
            { etag: value.slice(0, ETAG_LENGTH), body: value.slice(ETAG_LENGTH) },
            ifNoneMatch,
            'hit',
          ),
        );
      }
      if (status === 0) {
        // A slug seen for the first time: its generations are unknown, so what loads now is
        // not stored (nor shared); it only teaches Redis which movie the slug names.
        const loaded = await load();
        if ('pass' in loaded) return count({ kind: 'pass', value: loaded.pass, result: 'miss' });
        const { slugRef } = resolved;
        if (loaded.movieId && slugRef) {
          const movieId = loaded.movieId;
          await quietly(() =>
            redis.set(`${prefix}ref:${slugRef}`, movieId, 'EX', SLUG_MAP_TTL_SECONDS),
          );
        }
        return count(
          toOutcome({ etag: strongEtag(loaded.body), body: loaded.body }, ifNoneMatch, 'miss'),
        );
      }

      // A miss: the key already holds the generations read before loading.
      const expectedMovieId = value;
      let ownPass: { value: P } | undefined;
      let flight = flights.get(key);
      if (!flight) {
        flight = (async (): Promise<Flight> => {
          const lock = await lockOrEntry(key);
          if (lock.kind === 'entry') return lock.flight;
          try {
            const loaded = await load();
            if ('pass' in loaded) {
              ownPass = { value: loaded.pass };
              return PASS;
            }
            const etag = strongEtag(loaded.body);
            const { slugRef } = resolved;
            if (slugRef && loaded.movieId !== undefined && loaded.movieId !== expectedMovieId) {
              // The slug now names another movie: remap it and keep nothing under this key.
              const movieId = loaded.movieId;
              await quietly(() =>
                redis.set(`${prefix}ref:${slugRef}`, movieId, 'EX', SLUG_MAP_TTL_SECONDS),
              );
            } else {
              await quietly(() => redis.set(key, etag + loaded.body, 'EX', opts.ttlSeconds));
            }
            return { kind: 'body', etag, body: loaded.body };
          } finally {
            const { token } = lock;
            if (token !== null && loadLock) await quietly(() => loadLock.release(key, token));
          }
        })().finally(() => flights.delete(key));
        flights.set(key, flight);
      }
      const shared = await flight;
      if (shared.kind === 'body') return count(toOutcome<P>(shared, ifNoneMatch, 'miss'));
      if (ownPass) return count({ kind: 'pass', value: ownPass.value, result: 'miss' });
      // Not cacheable (a redirect) and loaded by another request: this one needs its own value.
      return count(await loadDirect(load, ifNoneMatch, 'miss'));
    },

    invalidateMovie: (id) => bump([`movie:${id}`, 'lists']),
    invalidateLists: () => bump(['lists']),
    invalidateGenres: () => bump(['genres']),
    invalidateAll: () => bump(['all']),

    async close() {
      flights.clear();
      redis?.disconnect();
    },
  };
}

function parseReadReply(reply: unknown): [0 | 1 | 2 | 3, string, string] {
  if (!Array.isArray(reply)) throw new Error('unexpected cache script reply');
  const [status, key, value] = reply;
  if (status === 0) return [0, '', ''];
  if ((status === 1 || status === 2 || status === 3) && typeof key === 'string') {
    return [status, key, typeof value === 'string' ? value : ''];
  }
  throw new Error('unexpected cache script reply');
}

function counterOn(registry: Registry | undefined): Counter<'result'> {
  const name = 'catalog_cache_requests_total';
  const existing = registry?.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({
    name,
    help: 'Cached catalog reads by result: hit (Redis), miss (loaded and stored), bypass (Redis unavailable or cache off)',
    labelNames: ['result'],
    registers: registry ? [registry] : [],
  });
}
