import { startServiceForTest, type StartOptions } from '@kavosh/service-host/testing';
import { buildApp, type CatalogDeps } from '../src/app.js';
import { readConfig } from '../src/config.js';

const MIGRATIONS = new URL('../prisma/migrations', import.meta.url);
/** The cursor key every test app signs with; tests may forge cursors with it on purpose. */
export const TEST_CURSOR_SECRET = 'catalog-test-cursor-secret-0123456789abcdef';
/** The media signing key of every test app; the playback test renders nginx's config with it. */
export const TEST_MEDIA_SIGNING_SECRET = 'catalog-test-media-secret-0123456789abcdef';

/** A catalog app on a fresh, migrated database of its own (see startServiceForTest). */
export const startCatalog = (
  opts: Omit<StartOptions<CatalogDeps>, 'env'> & { env?: Record<string, string> } = {},
) =>
  startServiceForTest(
    { label: 'catalog', migrations: MIGRATIONS, readConfig, buildApp },
    {
      ...opts,
      env: ({ prefix }) => ({
        CACHE_KEY_PREFIX: `${prefix}:cache:`,
        MEDIA_SIGNING_SECRET: TEST_MEDIA_SIGNING_SECRET,
        CURSOR_SECRET: TEST_CURSOR_SECRET,
        ...opts.env,
      }),
    },
  );
