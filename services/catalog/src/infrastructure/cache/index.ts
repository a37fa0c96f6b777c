export { createCatalogCache } from './cache.js';
export type {
  CacheOutcome,
  CacheResult,
  CatalogCache,
  CatalogCacheOptions,
  Loaded,
  Loader,
} from './types.js';
export { ETAG_LENGTH, parseIfNoneMatch, strongEtag } from './body-etag.js';
export type { CacheSpec } from './keys.js';
export { createCacheRedis } from './redis.js';
export { NO_STORE, cacheControlFor, serializedBody, serveCached } from './http.js';
export type { CachePolicy } from './http.js';
