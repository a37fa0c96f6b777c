import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { migrate } from '@kavosh/db';
import { startTestService } from '@kavosh/testing';
import { buildApp, type AuthDeps } from '../src/app.js';
import { readConfig } from '../src/config.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
export const SCHEMA_PATH = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));

/** Cheap argon2 for tests; test/passwords.test.ts checks production uses OWASP's parameters. */
export const TEST_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** A private Ed25519 JWK with that kid (what scripts/lib/dev-secrets.ts generates). */
export function privateJwk(kid: string): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x), d: String(jwk.d), kid };
}

export const keySet = (...keys: Record<string, string>[]): string => JSON.stringify({ keys });

/** A auth app on a fresh, migrated database; `rewriteDatabaseUrl` lets a test route it through a proxy. */
export const startAuth = (
  opts: {
    rewriteDatabaseUrl?: (url: string) => string;
    deps?: AuthDeps;
    env?: Record<string, string>;
  } = {},
) =>
  startTestService({
    label: 'auth',
    prepareDatabase: async (databaseUrl) => {
      await migrate({ databaseUrl, migrationsDir: MIGRATIONS_DIR });
    },
    build: async ({ databaseUrl, infra, prefix }) => {
      const config = readConfig({
        DATABASE_URL: opts.rewriteDatabaseUrl?.(databaseUrl) ?? databaseUrl,
        AMQP_URL: infra.amqpUrl,
        REDIS_URL: infra.redisUrl,
        LOG_LEVEL: 'silent',
        JWT_PRIVATE_JWKS: keySet(privateJwk('test-key-1')),
        ...opts.env,
      });
      const app = await buildApp(config, {
        messaging: { isolation: { exchange: `${prefix}.events`, queuePrefix: `${prefix}.` } },
        redisKeyPrefix: `${prefix}:`,
        argon2ForTestsOnly: TEST_ARGON2,
        ...opts.deps,
      });
      await app.ready();
      return app;
    },
  });
