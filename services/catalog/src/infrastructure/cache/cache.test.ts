// Over 300 lines on purpose: every guarantee of the cache (freshness after a write, single
// flight in and across processes, the stale-store race, outages) on one real Redis, sharing one
// cache factory and the gated loaders the races need.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getInfra, TcpProxy, uniquePrefix } from '@kavosh/testing';
import { createCatalogCache } from './cache.js';
import type { CatalogCache, Loaded } from './types.js';
import { strongEtag } from './body-etag.js';
import { createCacheRedis } from './redis.js';

const POLICY = { maxAgeSeconds: 30, staleWhileRevalidateSeconds: 60 };

/** A loader that counts its calls and answers what `current` holds at call time. */
function countingLoader(initial: string, movieId?: string) {
  const state = { current: initial, calls: 0 };
  const load = async (): Promise<Loaded<never>> => {
    state.calls += 1;
    return { body: state.current, ...(movieId ? { movieId } : {}) };
  };
  return { state, load };
}

/** A promise the test resolves when it chooses: holds a loader in flight. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const bodyOf = (outcome: Awaited<ReturnType<CatalogCache['read']>>) =>
  outcome.kind === 'body' ? outcome.body : outcome.kind;

describe('catalog cache on a real Redis', () => {
  let admin: Redis;
  let redisUrl: string;
  const caches: CatalogCache[] = [];

  const newCache = async (
    opts: {
      url?: string;
      logger?: pino.Logger;
      metrics?: Registry;
      /** Another process's cache: same Redis, same prefix. */
      sharePrefix?: string;
      loadWaitMs?: number;
    } = {},
  ) => {
    const redis = createCacheRedis(opts.url ?? redisUrl, {
      connectTimeoutMs: 1_000,
      commandTimeoutMs: 500,
    });
    await redis.connect();
    const prefix = opts.sharePrefix ?? `${uniquePrefix('catalog-cache')}:`;
    const cache = createCatalogCache({
      redis,
      keyPrefix: prefix,
      ttlSeconds: 60,
      policy: POLICY,
      ...(opts.loadWaitMs === undefined ? {} : { loadWaitMs: opts.loadWaitMs }),
      logger: opts.logger ?? pino({ level: 'silent' }),
      metrics: opts.metrics,
    });
    caches.push(cache);
    return { cache, prefix, redis };
  };

  beforeAll(async () => {
    redisUrl = (await getInfra()).redisUrl;
    admin = new Redis(redisUrl);
  });
  afterAll(async () => {
    await Promise.all(caches.map((cache) => cache.close()));
    const keys = await admin.keys('catalog-cache-*');
    if (keys.length > 0) await admin.del(...keys);
    admin.disconnect();
  });

  it('stores a loaded body and answers the next read from Redis, with the body hash as ETag', async () => {
    const metrics = new Registry();
    const { cache } = await newCache({ metrics });
    const { state, load } = countingLoader('{"page":1}');
    const query = { genre: 'drama', limit: 20 };

    const first = await cache.read({ kind: 'movies', query }, load);
    const second = await cache.read({ kind: 'movies', query: { limit: 20, genre: 'drama' } }, load);

    expect(first).toMatchObject({ kind: 'body', result: 'miss', body: '{"page":1}' });
    expect(second).toMatchObject({ kind: 'body', result: 'hit', body: '{"page":1}' });
    expect(second.kind === 'body' && second.etag).toBe(strongEtag('{"page":1}'));
    expect(state.calls).toBe(1);
    const counted = await metrics.getSingleMetric('catalog_cache_requests_total')?.get();
    expect(counted?.values.map((v) => [v.labels.result, v.value]).sort()).toEqual([
      ['hit', 1],
      ['miss', 1],
    ]);
  });

  it('answers not-modified for a matching If-None-Match, from Redis and after a load', async () => {
    const { cache } = await newCache();
    const { state, load } = countingLoader('{"genres":[]}');
    const tag = strongEtag('{"genres":[]}');

    expect(await cache.read({ kind: 'genres' }, load, [tag])).toEqual({
      kind: 'not-modified',
      etag: tag,
      result: 'miss',
    });
    expect(await cache.read({ kind: 'genres' }, load, ['"other"', tag])).toEqual({
      kind: 'not-modified',
      etag: tag,
      result: 'hit',
    });
    expect(await cache.read({ kind: 'genres' }, load, '*')).toMatchObject({ kind: 'not-modified' });
    expect(await cache.read({ kind: 'genres' }, load, ['"other"'])).toMatchObject({
      kind: 'body',
      result: 'hit',
    });
    expect(state.calls).toBe(1);
  });

  it('loads fresh after invalidateMovie: the movie by id and by slug, and every list', async () => {
    const { cache } = await newCache();
    const id = randomUUID();
    const byId = countingLoader('v1', id);
    const bySlug = countingLoader('v1', id);
    const list = countingLoader('list-v1');
    const spec = { kind: 'movie', ref: id } as const;
    const slugSpec = { kind: 'movie', ref: 'the-film-2024' } as const;
    const listSpec = { kind: 'movies', query: { sort: 'newest' } } as const;

    await cache.read(spec, byId.load);
    // The first read of a slug only learns its movie; the second stores, the third hits.
    expect((await cache.read(slugSpec, bySlug.load)).result).toBe('miss');
    expect((await cache.read(slugSpec, bySlug.load)).result).toBe('miss');
    expect((await cache.read(slugSpec, bySlug.load)).result).toBe('hit');
    await cache.read(listSpec, list.load);
    expect((await cache.read(spec, byId.load)).result).toBe('hit');
    expect((await cache.read(listSpec, list.load)).result).toBe('hit');

    byId.state.current = 'v2';
    bySlug.state.current = 'v2';
    list.state.current = 'list-v2';
    await cache.invalidateMovie(id);

    expect(bodyOf(await cache.read(spec, byId.load))).toBe('v2');
    expect(bodyOf(await cache.read(slugSpec, bySlug.load))).toBe('v2');
    expect(bodyOf(await cache.read(listSpec, list.load))).toBe('list-v2');
  });

  it('keeps other movies when one is invalidated, and drops everything on invalidateGenres', async () => {
    const { cache } = await newCache();
    const [a, b] = [randomUUID(), randomUUID()];
    const loadA = countingLoader('a', a);
    const loadB = countingLoader('b', b);
    const genres = countingLoader('genres');
    await cache.read({ kind: 'movie', ref: a }, loadA.load);
    await cache.read({ kind: 'movie', ref: b }, loadB.load);
    await cache.read({ kind: 'genres' }, genres.load);

    await cache.invalidateMovie(a);
    expect((await cache.read({ kind: 'movie', ref: a }, loadA.load)).result).toBe('miss');
    expect((await cache.read({ kind: 'movie', ref: b }, loadB.load)).result).toBe('hit');
    expect((await cache.read({ kind: 'genres' }, genres.load)).result).toBe('hit');

    await cache.invalidateLists();
    expect((await cache.read({ kind: 'genres' }, genres.load)).result).toBe('hit');

    await cache.invalidateGenres();
    expect((await cache.read({ kind: 'movie', ref: b }, loadB.load)).result).toBe('miss');
    expect((await cache.read({ kind: 'genres' }, genres.load)).result).toBe('miss');

    await cache.invalidateAll();
    expect((await cache.read({ kind: 'movie', ref: a }, loadA.load)).result).toBe('miss');
  });

  it('shares one load between concurrent misses of the same key', async () => {
    // No waiting on another process's load: only this process's sharing keeps the count at 1.
    const { cache, redis } = await newCache({ loadWaitMs: 0 });
    const held = gate();
    let calls = 0;
    const load = async (): Promise<Loaded<never>> => {
      calls += 1;
      await held.opened;
      return { body: '{"shared":true}' };
    };
    const spec = { kind: 'movies', query: { q: 'night' } } as const;
    await cache.read({ kind: 'genres' }, async () => ({ body: '[]' })); // loads the Lua script

    const reads = Array.from({ length: 20 }, () => cache.read(spec, load));
    // Redis answers one connection in order: once this PING is back, all 20 reads have had
    // their miss and are waiting on a loader.
    await redis.ping();
    await eventually(async () => expect(calls).toBe(1));
    held.open();
    const outcomes = await Promise.all(reads);

    expect(calls).toBe(1);
    expect(new Set(outcomes.map(bodyOf))).toEqual(new Set(['{"shared":true}']));
    expect((await cache.read(spec, load)).result).toBe('hit');
    expect(calls).toBe(1);
  });

  describe('across processes', () => {
    /** A logger whose lines the test reads: waiting is logged at debug. */
    const recordingLogger = () => {
      const lines: string[] = [];
      const logger = pino(
        { level: 'debug' },
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(String(JSON.parse(chunk.toString()).msg));
            done();
          },
        }),
      );
      return { lines, logger };
    };
    const waiting = 'another process is loading this key: waiting for its entry';

    it('lets one process load a missed key while another waits for its entry', async () => {
      const one = await newCache();
      const recorded = recordingLogger();
      const other = await newCache({
        sharePrefix: one.prefix,
        logger: recorded.logger,
        loadWaitMs: 30_000,
      });
      const held = gate();
      let oneCalls = 0;
      const spec = { kind: 'movies', query: { across: 'processes' } } as const;
      const first = one.cache.read(spec, async (): Promise<Loaded<never>> => {
        oneCalls += 1;
        await held.opened;
        return { body: '{"loadedBy":"one"}' };
      });
      await eventually(async () => {
        expect(await admin.keys(`${one.prefix}e:*:loading`)).toHaveLength(1);
      });
      const otherLoader = countingLoader('{"loadedBy":"other"}');
      const second = other.cache.read(spec, otherLoader.load);
      await eventually(async () => expect(recorded.lines).toContain(waiting));
      held.open();

      expect(bodyOf(await first)).toBe('{"loadedBy":"one"}');
      expect(bodyOf(await second)).toBe('{"loadedBy":"one"}');
      expect([oneCalls, otherLoader.state.calls]).toEqual([1, 0]);
      expect(await admin.keys(`${one.prefix}e:*:loading`)).toEqual([]);
    });

    it('loads itself when the process holding the lock fails', async () => {
      const one = await newCache();
      const recorded = recordingLogger();
      const other = await newCache({
        sharePrefix: one.prefix,
        logger: recorded.logger,
        loadWaitMs: 30_000,
      });
      const held = gate();
      const spec = { kind: 'genres', query: { holder: 'fails' } } as const;
      const first = one.cache.read(spec, async (): Promise<Loaded<never>> => {
        await held.opened;
        throw new Error('MariaDB went away');
      });
      await eventually(async () => {
        expect(await admin.keys(`${one.prefix}e:*:loading`)).toHaveLength(1);
      });
      const otherLoader = countingLoader('{"loadedBy":"other"}');
      const second = other.cache.read(spec, otherLoader.load);
      await eventually(async () => expect(recorded.lines).toContain(waiting));
      held.open();

      await expect(first).rejects.toThrow('MariaDB went away');
      expect(bodyOf(await second)).toBe('{"loadedBy":"other"}');
      expect(otherLoader.state.calls).toBe(1);
    });
  });

  it('never serves a body loaded before a write once the write has invalidated', async () => {
    const { cache } = await newCache();
    const id = randomUUID();
    const spec = { kind: 'movie', ref: id } as const;
    const held = gate();
    let row = 'old';
    let calls = 0;
    const load = async (): Promise<Loaded<never>> => {
      calls += 1;
      const seen = row; // the reader's SELECT happens here, before the write commits
      await held.opened;
      return { body: seen, movieId: id };
    };

    const slowReader = cache.read(spec, load);
    await eventually(async () => expect(calls).toBe(1));
    row = 'new'; // the write commits…
    await cache.invalidateMovie(id); // …and bumps before it answers
    held.open();
    expect(bodyOf(await slowReader)).toBe('old'); // it began before the write: allowed

    // The old body was stored under the old generation: a read after the write never sees it.
    expect(bodyOf(await cache.read(spec, load))).toBe('new');
    expect(bodyOf(await cache.read(spec, load))).toBe('new');
    expect(calls).toBe(2);
  });

  it('remaps a slug that now names another movie, and stores nothing for the old one', async () => {
    const { cache, prefix } = await newCache();
    const [first, second] = [randomUUID(), randomUUID()];
    const spec = { kind: 'movie', ref: 'reused-2020' } as const;
    let owner = first;
    const load = async (): Promise<Loaded<never>> => ({ body: owner, movieId: owner });

    await cache.read(spec, load); // maps the slug to the first movie
    owner = second;
    expect(bodyOf(await cache.read(spec, load))).toBe(second);
    expect(await admin.get(`${prefix}ref:reused-2020`)).toBe(second);
    expect((await cache.read(spec, load)).result).toBe('miss'); // now stored under the second
    await cache.invalidateMovie(second);
    expect((await cache.read(spec, load)).result).toBe('miss');
  });

  it('passes an uncacheable value through and keeps nothing', async () => {
    const { cache } = await newCache();
    let calls = 0;
    const load = async (): Promise<Loaded<{ location: string }>> => {
      calls += 1;
      return { pass: { location: '/movies/new-slug' } };
    };
    const spec = { kind: 'movie', ref: randomUUID() } as const;
    expect(await cache.read(spec, load)).toEqual({
      kind: 'pass',
      value: { location: '/movies/new-slug' },
      result: 'miss',
    });
    await cache.read(spec, load);
    expect(calls).toBe(2);
  });

  it('cannot bring back an old entry when a generation counter is lost', async () => {
    const { cache, prefix } = await newCache();
    const id = randomUUID();
    const spec = { kind: 'movie', ref: id } as const;
    const { state, load } = countingLoader('v1', id);
    await cache.invalidateMovie(id); // the counter starts with this write
    await cache.read(spec, load);
    state.current = 'v2';
    await admin.del(`${prefix}gen:movie:${id}`); // e.g. deleted by hand, or evicted
    // A counter restarted at 0 would now repeat the value v1 was stored under.
    await cache.invalidateMovie(id);
    expect(bodyOf(await cache.read(spec, load))).toBe('v2');
  });

  it('loads every read when the cache is off', async () => {
    const metrics = new Registry();
    const cache = createCatalogCache({
      redis: null,
      keyPrefix: 'unused:',
      ttlSeconds: 60,
      policy: POLICY,
      logger: pino({ level: 'silent' }),
      metrics,
    });
    const { state, load } = countingLoader('body');
    await cache.invalidateLists(); // a no-op, not an error
    expect(await cache.read({ kind: 'genres' }, load)).toMatchObject({ result: 'bypass' });
    expect(await cache.read({ kind: 'genres' }, load)).toMatchObject({ result: 'bypass' });
    expect(state.calls).toBe(2);
    expect(cache.enabled).toBe(false);
  });

  describe('when Redis goes away', () => {
    let proxy: TcpProxy;
    const lines: { level: number; msg: string }[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString()));
          done();
        },
      }),
    );

    beforeAll(async () => {
      proxy = await TcpProxy.start({ target: redisUrl });
    });
    afterAll(async () => {
      await proxy.close();
    });

    it('serves from the loader without an error, warns once, and recovers', async () => {
      const metrics = new Registry();
      const { cache } = await newCache({ url: proxy.rewrite(redisUrl), logger, metrics });
      const { state, load } = countingLoader('{"n":1}');
      const spec = { kind: 'movies', query: { page: 'outage' } } as const;
      await cache.read(spec, load);
      expect((await cache.read(spec, load)).result).toBe('hit');

      proxy.cut();
      for (let i = 0; i < 5; i++) {
        expect(await cache.read(spec, load)).toMatchObject({ kind: 'body', result: 'bypass' });
      }
      await cache.invalidateLists(); // fails quietly; the write it follows has committed
      expect(state.calls).toBe(6);
      expect(lines.filter((line) => line.level === 40)).toHaveLength(1);

      state.current = '{"n":2}';
      proxy.restore();
      // The failed bump means Redis may hold stale entries: the first read after the outage
      // flushes before it trusts Redis again, so the stored {"n":1} is never served.
      await eventually(async () => {
        expect(await cache.read(spec, load)).toMatchObject({ result: 'hit', body: '{"n":2}' });
      });
      expect(lines.filter((line) => line.level === 40)).toHaveLength(1);
      expect(lines.some((line) => line.msg === 'cache available again')).toBe(true);
      const counted = await metrics.getSingleMetric('catalog_cache_requests_total')?.get();
      expect(counted?.values.find((v) => v.labels.result === 'bypass')?.value).toBeGreaterThan(4);
    });
  });
});
