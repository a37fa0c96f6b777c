import { hostService, type HostDeps } from '@kavosh/service-host';
import type { KavoshApp } from '@kavosh/service-kit';
import type { CatalogConfig } from './config.js';
import { startConsumers } from './consumers.js';
import { createDatabase, type Database } from './db.js';
import { playbackRoutes } from './playback/routes.js';
import { createPlaybackService } from './playback/service.js';
import { createCacheRedis, createCatalogCache } from './infrastructure/cache/index.js';
import { genresRoutes } from './genres/routes.js';
import { createGenresService } from './genres/service.js';
import { moviesRoutes } from './movies/routes.js';
import { peopleRoutes } from './people/routes.js';
import { createPeopleService } from './people/service.js';
import { createMoviesService } from './movies/service.js';
import { createCursorCodec } from './infrastructure/cursor.js';
import { postersRoutes } from './posters/routes.js';
import { createPostersService } from './posters/service.js';
import { createPosterStorage } from './infrastructure/storage/from-config.js';
import { articlesRoutes } from './articles/routes.js';
import { createArticlesService } from './articles/service.js';

export type CatalogDeps = HostDeps<Database>;

/** Builds the catalog service (not listening): the shared host, then catalog's features. */
export async function buildApp(config: CatalogConfig, deps: CatalogDeps = {}): Promise<KavoshApp> {
  const { app, db, messaging, logger } = await hostService({
    ...deps,
    name: 'catalog',
    description: 'Movies, genres, people, search, entitlements and playback URLs.',
    packageJson: new URL('../package.json', import.meta.url),
    config,
    createDatabase,
  });
  // Not a readiness check: without Redis the catalog still answers, from MySQL.
  const cacheRedis =
    config.CATALOG_CACHE === 'on'
      ? createCacheRedis(config.REDIS_URL, {
          connectTimeoutMs: 2 * config.CACHE_REDIS_TIMEOUT_MS,
          commandTimeoutMs: config.CACHE_REDIS_TIMEOUT_MS,
        })
      : null;
  const cache = createCatalogCache({
    redis: cacheRedis,
    keyPrefix: config.CACHE_KEY_PREFIX,
    ttlSeconds: config.CACHE_TTL_SECONDS,
    policy: {
      maxAgeSeconds: config.CACHE_MAX_AGE_SECONDS,
      staleWhileRevalidateSeconds: config.CACHE_STALE_WHILE_REVALIDATE_SECONDS,
    },
    logger: logger.child({ component: 'cache' }),
    metrics: app.metrics,
  });
  await cacheRedis?.connect().catch(() => undefined);
  app.addHook('onClose', () => cache.close());
  await startConsumers(messaging, { logger, onRatingChanged: (id) => cache.invalidateMovie(id) });
  const playback = createPlaybackService({
    db,
    mediaOrigin: config.MEDIA_ORIGIN_URL,
    signingSecret: config.MEDIA_SIGNING_SECRET,
    ttlSeconds: config.PLAYBACK_URL_TTL_SECONDS,
  });
  await app.register(playbackRoutes, { playback });
  const cursors = createCursorCodec(config.CURSOR_SECRET);
  const movies = createMoviesService({
    db,
    messaging,
    cursors,
    onMovieChanged: (id) => cache.invalidateMovie(id),
  });
  await app.register(moviesRoutes, { prefix: '/movies', movies, cache });
  const genres = createGenresService({ db, onChanged: () => cache.invalidateGenres() });
  await app.register(genresRoutes, { prefix: '/genres', genres, cache });
  const people = createPeopleService({ db, cursors, onRenamed: () => cache.invalidateAll() });
  await app.register(peopleRoutes, { prefix: '/people', people });
  const posterStorage = createPosterStorage(config);
  app.addHook('onClose', async () => posterStorage.close());
  await app.register(postersRoutes, {
    posters: createPostersService({
      db,
      storage: posterStorage,
      now: () => new Date(),
      onMovieChanged: (id) => cache.invalidateMovie(id),
    }),
    maxBytes: config.POSTER_MAX_BYTES,
  });
  await app.register(articlesRoutes, {
    prefix: '/articles',
    articles: createArticlesService({ db, cursors, now: () => new Date() }),
  });
  return app;
}
