import { fileURLToPath } from 'node:url';
import { testTokens } from '@kavosh/auth-client/testing';
import { migrate } from '@kavosh/db';
import { checkMessagingCopies } from '@kavosh/messaging/testing';
import {
  checkDrift,
  createTestDatabase,
  startTestService,
  type TestService,
  type TestServiceContext,
} from '@kavosh/testing';
import { describe, expect, it } from 'vitest';

/** How a service is built, for its tests: the same pieces its main.ts uses. */
export interface ServiceUnderTest<Config, Deps, App> {
  /** Names the test database, queues and Redis keys. */
  label: string;
  migrations: URL;
  readConfig: (env: Record<string, string | undefined>) => Config;
  buildApp: (config: Config, deps: Deps) => Promise<App>;
}

export interface StartOptions<Deps> {
  /** Route a dependency through a proxy (TcpProxy.rewrite) to cut it during the test. */
  rewriteDatabaseUrl?: (url: string) => string;
  rewriteAmqpUrl?: (url: string) => string;
  rewriteRedisUrl?: (url: string) => string;
  /** Variables added to (or replacing) the test environment; a function gets the test's prefix. */
  env?: Record<string, string> | ((ctx: TestServiceContext) => Record<string, string>);
  /** Dependencies added to (or replacing) the defaults: isolated messaging, test tokens. */
  deps?: Partial<Deps> | ((ctx: TestServiceContext) => Partial<Deps>);
}

const resolve = <T>(
  value: T | ((ctx: TestServiceContext) => T) | undefined,
  ctx: TestServiceContext,
) => (typeof value === 'function' ? (value as (ctx: TestServiceContext) => T)(ctx) : value);

/**
 * A service app on a fresh, migrated database of its own, with its own exchange, queues and Redis
 * prefix, accepting tokens from `testTokens()`, ready (not listening); `close()` drops it all.
 */
export function startServiceForTest<
  Config,
  Deps extends object,
  App extends { ready(): PromiseLike<unknown>; close(): Promise<void> },
>(
  service: ServiceUnderTest<Config, Deps, App>,
  opts: StartOptions<Deps> = {},
): Promise<TestService<App>> {
  return startTestService({
    label: service.label,
    prepareDatabase: async (databaseUrl) => {
      await migrate({ databaseUrl, migrationsDir: fileURLToPath(service.migrations) });
    },
    build: async (ctx) => {
      const { databaseUrl, infra, prefix } = ctx;
      const config = service.readConfig({
        DATABASE_URL: opts.rewriteDatabaseUrl?.(databaseUrl) ?? databaseUrl,
        AMQP_URL: opts.rewriteAmqpUrl?.(infra.amqpUrl) ?? infra.amqpUrl,
        REDIS_URL: opts.rewriteRedisUrl?.(infra.redisUrl) ?? infra.redisUrl,
        LOG_LEVEL: 'silent',
        ...resolve(opts.env, ctx),
      });
      const deps = {
        messaging: { isolation: { exchange: `${prefix}.events`, queuePrefix: `${prefix}.` } },
        verifier: (await testTokens()).verifier,
        ...resolve(opts.deps, ctx),
      } as unknown as Deps;
      const app = await service.buildApp(config, deps);
      await app.ready();
      return app;
    },
  });
}

/**
 * The migration tests every service has: its migrations build exactly what schema.prisma
 * describes (a re-run applies nothing), and its copies of @kavosh/messaging's migrations and
 * models are byte-equal to the package's.
 */
export function describeMigrations(service: { label: string; migrations: URL; schema: URL }): void {
  const migrationsDir = fileURLToPath(service.migrations);
  const schemaPath = fileURLToPath(service.schema);
  describe(`${service.label} migrations`, () => {
    it('builds exactly the schema that schema.prisma describes, and a re-run applies nothing', async () => {
      const db = await createTestDatabase({ label: `${service.label}-drift` });
      try {
        await migrate({ databaseUrl: db.url, migrationsDir });
        expect(await checkDrift({ schemaPath, databaseUrl: db.url })).toEqual([]);
        expect(await migrate({ databaseUrl: db.url, migrationsDir })).toEqual({ applied: [] });
      } finally {
        await db.drop();
      }
    });

    it('keeps byte-equal copies of the @kavosh/messaging migrations and its models', async () => {
      expect(await checkMessagingCopies({ migrationsDir, schemaPath })).toEqual([]);
    });
  });
}
