export { createCatalogCache } from './cache.js';
export type {
  CacheOutcome,
  CacheResult,
  CatalogCache,
  CatalogCacheOptions,
  Loaded,
  Loader,
} from './cache.js';
export { ETAG_LENGTH, parseIfNoneMatch, strongEtag } from './etag.js';
export type { CacheSpec } from './keys.js';
export { createCacheRedis } from './redis.js';
export { NO_STORE, bypassesCache, cacheControlFor, serializedBody, serveCached } from './http.js';
export type { CachePolicy } from './http.js';
