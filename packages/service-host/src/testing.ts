import { fileURLToPath } from 'node:url';
import { testTokens } from '@kavosh/auth-client/testing';
import { migrate } from '@kavosh/db';
import { ConfigError } from '@kavosh/service-kit';
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
        messaging: {
          isolation: { exchange: `${prefix}.events`, queuePrefix: `${prefix}.` },
          // A loaded machine can take seconds to open the first AMQP connection; a test that
          // publishes at once needs it open. One that routes the broker through a proxy keeps
          // production's short wait (it may start with the broker cut on purpose).
          ...(opts.rewriteAmqpUrl ? {} : { startupWaitMs: 30_000 }),
        },
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

/** A password no shipped default resembles, long enough for every minimum. */
export const STRONG_SECRET = 'Zq4-vT9m#Lr2pW8x!eK6';

/**
 * The production-secret checks every service shares: with strong secrets it starts (and with the
 * development ones outside production); a development, short or missing password in its database
 * and broker URLs is refused, naming the variable. Returns `problemsOf(overrides)` — the variables
 * readConfig refuses — for the service's own secrets.
 */
export function describeProductionSecrets(service: {
  name: string;
  readConfig: (env: Record<string, string | undefined>) => unknown;
  /** The service's own secrets, strong, and anything else its config requires. */
  env?: Record<string, string>;
}): (overrides: Record<string, string>) => string[] {
  const { name } = service;
  const strong = encodeURIComponent(STRONG_SECRET);
  const env = (overrides: Record<string, string>) => ({
    NODE_ENV: 'production',
    DATABASE_URL: `mysql://kavosh_${name}:${strong}@db:3306/kavosh_${name}`,
    AMQP_URL: `amqp://kavosh_${name}:${strong}@rabbitmq:5672`,
    AUTH_JWKS_URL: 'http://auth:3001/.well-known/jwks.json',
    ...service.env,
    ...overrides,
  });
  const problemsOf = (overrides: Record<string, string>): string[] => {
    try {
      service.readConfig(env(overrides));
      return [];
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      return err.problems.map((problem) => problem.variable);
    }
  };

  describe(`${name} readConfig in production`, () => {
    it('starts with strong secrets, and outside production with the development ones', () => {
      expect(problemsOf({})).toEqual([]);
      expect(
        problemsOf({
          NODE_ENV: 'development',
          DATABASE_URL: `mysql://kavosh_${name}:kavosh-dev-${name}@127.0.0.1:3306/kavosh_${name}`,
          AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
        }),
      ).toEqual([]);
    });

    it('refuses development, short or missing passwords in its database and broker URLs', () => {
      expect(
        problemsOf({ DATABASE_URL: `mysql://kavosh_${name}:kavosh-dev-${name}@db:3306/x` }),
      ).toEqual(['DATABASE_URL']);
      expect(problemsOf({ DATABASE_URL: `mysql://kavosh_${name}@db:3306/x` })).toEqual([
        'DATABASE_URL',
      ]);
      expect(
        problemsOf({ MIGRATION_DATABASE_URL: `mysql://kavosh_${name}_migrator:short@db/x` }),
      ).toEqual(['MIGRATION_DATABASE_URL']);
      expect(problemsOf({ AMQP_URL: 'amqp://guest:guest@rabbitmq:5672' })).toEqual(['AMQP_URL']);
      expect(problemsOf({ AMQP_URL: `amqp://kavosh_${name}@rabbitmq:5672` })).toEqual(['AMQP_URL']);
    });

    it('never puts the secret itself in the message', () => {
      expect(() =>
        service.readConfig(env({ DATABASE_URL: `mysql://u:kavosh-dev-${name}@db:3306/x` })),
      ).toThrow(new RegExp(`^(?!.*kavosh-dev-${name}).*DATABASE_URL`));
    });
  });
  return problemsOf;
}
