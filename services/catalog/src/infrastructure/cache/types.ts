// The cache's public shapes: what a loader gives it and what a read answers.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CachePolicy } from './http.js';
import type { CacheSpec } from './keys.js';

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
