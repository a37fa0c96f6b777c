import { fileURLToPath } from 'node:url';
import { migrate } from '@kavosh/db';
import { startTestService } from '@kavosh/testing';
import { buildApp, type SocialDeps } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { testTokens } from '@kavosh/auth-client/testing';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
export const SCHEMA_PATH = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));

/** The WebSocket ticket key of every startSocial() app (a gateway under test shares it). */
export const TEST_WS_TICKET_SECRET = 'social-test-ws-ticket-secret-0123456789abcdef';

/**
 * A social app on a fresh, migrated database, accepting testTokens(); `rewriteDatabaseUrl` lets a
 * test route it through a proxy, `env` adds or overrides variables.
 */
export const startSocial = (
  opts: {
    rewriteDatabaseUrl?: (url: string) => string;
    deps?: SocialDeps;
    env?: Record<string, string>;
  } = {},
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
        WS_TICKET_SECRET: TEST_WS_TICKET_SECRET,
        ...opts.env,
      });
      const app = await buildApp(config, {
        messaging: { isolation: { exchange: `${prefix}.events`, queuePrefix: `${prefix}.` } },
        verifier: (await testTokens()).verifier,
        ...opts.deps,
      });
      await app.ready();
      return app;
    },
  });
