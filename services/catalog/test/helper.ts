import { fileURLToPath } from 'node:url';
import { migrate } from '@kavosh/db';
import { startTestService } from '@kavosh/testing';
import { buildApp, type CatalogDeps } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { testTokens } from '@kavosh/auth-client/testing';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
/** The cursor key every test app signs with; tests may forge cursors with it on purpose. */
export const TEST_CURSOR_SECRET = 'catalog-test-cursor-secret-0123456789abcdef';
/** The media signing key of every test app; the playback test renders nginx's config with it. */
export const TEST_MEDIA_SIGNING_SECRET = 'catalog-test-media-secret-0123456789abcdef';
export const SCHEMA_PATH = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));

/** A catalog app on a fresh, migrated database; the rewrite options route a dependency through a proxy. */
export const startCatalog = (
  opts: {
    rewriteDatabaseUrl?: (url: string) => string;
    rewriteAmqpUrl?: (url: string) => string;
    rewriteRedisUrl?: (url: string) => string;
    deps?: CatalogDeps;
    /** Extra environment, e.g. POSTER_DIR for a test's own poster directory. */
    env?: Record<string, string>;
  } = {},
) =>
  startTestService({
    label: 'catalog',
    prepareDatabase: async (databaseUrl) => {
      await migrate({ databaseUrl, migrationsDir: MIGRATIONS_DIR });
    },
    build: async ({ databaseUrl, infra, prefix }) => {
      const config = readConfig({
        DATABASE_URL: opts.rewriteDatabaseUrl?.(databaseUrl) ?? databaseUrl,
        AMQP_URL: opts.rewriteAmqpUrl?.(infra.amqpUrl) ?? infra.amqpUrl,
        REDIS_URL: opts.rewriteRedisUrl?.(infra.redisUrl) ?? infra.redisUrl,
        LOG_LEVEL: 'silent',
        CACHE_KEY_PREFIX: `${prefix}:cache:`,
        MEDIA_SIGNING_SECRET: TEST_MEDIA_SIGNING_SECRET,
        CURSOR_SECRET: TEST_CURSOR_SECRET,
        ...opts.env,
      });
      const app = await buildApp(config, {
        verifier: (await testTokens()).verifier,
        messaging: { isolation: { exchange: `${prefix}.events`, queuePrefix: `${prefix}.` } },
        ...opts.deps,
      });
      await app.ready();
      return app;
    },
  });
