import type { Redis } from 'ioredis';
import { ETAG_LENGTH, ifNoneMatchHits, strongEtag } from './body-etag.js';
import { resolveSpec, type CacheSpec, type ResolvedSpec } from './keys.js';
import { createLoadLock } from './load-lock.js';
import { cacheRequestsCounter } from './metrics.js';
import { luaScript } from './redis.js';
import { BUMP_SCRIPT, parseReadReply, READ_SCRIPT, type ReadReply } from './scripts.js';
import type {
  CacheOutcome,
  CacheResult,
  CatalogCache,
  CatalogCacheOptions,
  Loader,
} from './types.js';

type Flight = { kind: 'body'; etag: string; body: string } | { kind: 'pass' };

const PASS: Flight = { kind: 'pass' };
// A slug → id mapping is only a hint (checked against what was loaded), so it may live long.
const SLUG_MAP_TTL_SECONDS = 24 * 60 * 60;

/** An entry as Redis keeps it: the tag (ETAG_LENGTH characters), then the body. */
const entryFlight = (entry: string): Flight & { kind: 'body' } => ({
  kind: 'body',
  etag: entry.slice(0, ETAG_LENGTH),
  body: entry.slice(ETAG_LENGTH),
});

const toOutcome = <P>(
  flight: { etag: string; body: string },
  ifNoneMatch: '*' | string[],
  result: CacheResult,
): CacheOutcome<P> =>
  ifNoneMatchHits(ifNoneMatch, flight.etag)
    ? { kind: 'not-modified', etag: flight.etag, result }
    : { kind: 'body', etag: flight.etag, body: flight.body, result };

/** Loads without Redis: nothing is read from it or stored in it. */
const loadDirect = async <P>(
  load: Loader<P>,
  ifNoneMatch: '*' | string[],
  result: CacheResult,
): Promise<CacheOutcome<P>> => {
  const loaded = await load();
  if ('pass' in loaded) return { kind: 'pass', value: loaded.pass, result };
  return toOutcome({ etag: strongEtag(loaded.body), body: loaded.body }, ifNoneMatch, result);
};

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
  const requests = cacheRequestsCounter(opts.metrics);
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

  /** After a failed bump, bumps `all` first; false while that still fails (Redis is not read). */
  const flushIfNeeded = async (client: Redis): Promise<boolean> => {
    if (!mustFlush) return true;
    if (!(await quietly(() => bumpScript(client, [`${prefix}gen:all`], [])))) return false;
    mustFlush = false;
    return true;
  };

  /** One round trip: the entry for `resolved` or why there is none; null when Redis failed. */
  const lookup = async (
    client: Redis,
    resolved: ResolvedSpec,
    ifNoneMatch: '*' | string[],
  ): Promise<ReadReply | null> => {
    try {
      const raw = await readScript(
        client,
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
      const reply = parseReadReply(raw);
      markUp();
      return reply;
    } catch (err) {
      markDown(err);
      return null;
    }
  };

  const rememberSlug = (client: Redis, slugRef: string, movieId: string) =>
    quietly(() => client.set(`${prefix}ref:${slugRef}`, movieId, 'EX', SLUG_MAP_TTL_SECONDS));

  /**
   * A slug seen for the first time: its generations are unknown, so what loads now is not
   * stored (nor shared); it only teaches Redis which movie the slug names.
   */
  const loadUnmappedSlug = async <P>(
    client: Redis,
    resolved: ResolvedSpec,
    load: Loader<P>,
    ifNoneMatch: '*' | string[],
  ): Promise<CacheOutcome<P>> => {
    const loaded = await load();
    if ('pass' in loaded) return { kind: 'pass', value: loaded.pass, result: 'miss' };
    if (loaded.movieId && resolved.slugRef) {
      await rememberSlug(client, resolved.slugRef, loaded.movieId);
    }
    return toOutcome({ etag: strongEtag(loaded.body), body: loaded.body }, ifNoneMatch, 'miss');
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
      return { kind: 'entry', flight: entryFlight(entry) };
    } catch (err) {
      markDown(err);
      return { kind: 'load', token: null };
    }
  };

  /**
   * Loads a missed key (under the lock, or takes the entry another process stored) and stores
   * it under `key`, unless the slug turned out to name another movie than `expectedMovieId`.
   * An uncacheable value goes to `onPass` and the flight is PASS.
   */
  const loadAndStore = async <P>(
    client: Redis,
    miss: { key: string; movieId: string },
    resolved: ResolvedSpec,
    load: Loader<P>,
    onPass: (value: P) => void,
  ): Promise<Flight> => {
    const { key } = miss;
    const lock = await lockOrEntry(key);
    if (lock.kind === 'entry') return lock.flight;
    try {
      const loaded = await load();
      if ('pass' in loaded) {
        onPass(loaded.pass);
        return PASS;
      }
      const etag = strongEtag(loaded.body);
      const { slugRef } = resolved;
      if (slugRef && loaded.movieId !== undefined && loaded.movieId !== miss.movieId) {
        // The slug now names another movie: remap it and keep nothing under this key.
        await rememberSlug(client, slugRef, loaded.movieId);
      } else {
        await quietly(() => client.set(key, etag + loaded.body, 'EX', opts.ttlSeconds));
      }
      return { kind: 'body', etag, body: loaded.body };
    } finally {
      const { token } = lock;
      if (token !== null && loadLock) await quietly(() => loadLock.release(key, token));
    }
  };

  /** A miss: the key already holds the generations read before loading; one load per key. */
  const loadMissed = async <P>(
    client: Redis,
    miss: { key: string; movieId: string },
    resolved: ResolvedSpec,
    load: Loader<P>,
    ifNoneMatch: '*' | string[],
  ): Promise<CacheOutcome<P>> => {
    let ownPass: { value: P } | undefined;
    let flight = flights.get(miss.key);
    if (!flight) {
      flight = loadAndStore(client, miss, resolved, load, (value) => {
        ownPass = { value };
      }).finally(() => flights.delete(miss.key));
      flights.set(miss.key, flight);
    }
    const shared = await flight;
    if (shared.kind === 'body') return toOutcome<P>(shared, ifNoneMatch, 'miss');
    if (ownPass) return { kind: 'pass', value: ownPass.value, result: 'miss' };
    // Not cacheable (a redirect) and loaded by another request: this one needs its own value.
    return loadDirect(load, ifNoneMatch, 'miss');
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
      if (!redis || !(await flushIfNeeded(redis))) {
        return count(await loadDirect(load, ifNoneMatch, 'bypass'));
      }
      const resolved = resolveSpec(spec);
      const reply = await lookup(redis, resolved, ifNoneMatch);
      if (reply === null) return count(await loadDirect(load, ifNoneMatch, 'bypass'));
      switch (reply.kind) {
        case 'unchanged':
          return count({ kind: 'not-modified', etag: reply.etag, result: 'hit' });
        case 'hit':
          return count(toOutcome(entryFlight(reply.entry), ifNoneMatch, 'hit'));
        case 'unmapped-slug':
          return count(await loadUnmappedSlug(redis, resolved, load, ifNoneMatch));
        case 'miss':
          return count(await loadMissed(redis, reply, resolved, load, ifNoneMatch));
      }
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
