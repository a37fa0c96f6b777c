import { fileURLToPath } from 'node:url';
import { migrate } from '@kavosh/db';
import { startTestService } from '@kavosh/testing';
import { buildApp, type SocialDeps } from '../src/app.js';
import { readConfig } from '../src/config.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
export const SCHEMA_PATH = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));

/** A social app on a fresh, migrated database; `rewriteDatabaseUrl` lets a test route it through a proxy. */
export const startSocial = (
  opts: { rewriteDatabaseUrl?: (url: string) => string; deps?: SocialDeps } = {},
) =>
  startTestService({
    label: 'social',
    prepareDatabase: async (databaseUrl) => {
      await migrate({ databaseUrl, migrationsDir: MIGRATIONS_DIR });
    },
    build: async ({ databaseUrl, infra, prefix }) => {
      const config = readConfig({
        DATABASE_URL: opts.rewriteDatabaseUrl?.(databaseUrl) ?? databaseUrl,
        AMQP_URL: infra.amqpUrl,
        REDIS_URL: infra.redisUrl,
        LOG_LEVEL: 'silent',
      });
      const app = await buildApp(config, {
        messaging: { isolation: { exchange: `${prefix}.events`, queuePrefix: `${prefix}.` } },
        ...opts.deps,
      });
      await app.ready();
      return app;
    },
  });
