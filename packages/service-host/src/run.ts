import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { migrate } from '@kavosh/db';
import {
  createLogger,
  runMain,
  startServer,
  type HttpConfig,
  type KavoshApp,
} from '@kavosh/service-kit';

export interface RunServiceOptions<Config extends HttpConfig & { DATABASE_URL: string }, Deps> {
  name: string;
  /** The service's migrations folder (`new URL('../prisma/migrations', import.meta.url)`). */
  migrations: URL;
  readConfig: () => Config & { MIGRATE_ON_START: boolean; MIGRATION_DATABASE_URL?: string };
  /**
   * Work between migration and build (catalog seeds its demo data here); what it returns is
   * handed to buildApp with the logger.
   */
  prepare?: (config: Config, logger: Logger) => Promise<Deps>;
  buildApp: (config: Config, deps: Deps & { logger: Logger }) => Promise<KavoshApp>;
}

/**
 * A service's whole main, after telemetry: read the config (a bad variable stops the process with
 * its name), migrate when MIGRATE_ON_START, build the app, listen, and close gracefully on a signal.
 * Migrations run as MIGRATION_DATABASE_URL's user when set: DATABASE_URL's may lack DDL rights.
 */
export async function runService<
  Config extends HttpConfig & { DATABASE_URL: string },
  Deps = object,
>(opts: RunServiceOptions<Config, Deps>): Promise<void> {
  await runMain(async () => {
    const config = opts.readConfig();
    const logger = createLogger({ level: config.LOG_LEVEL });
    // Migrate before anything touches the schema (the outbox relay starts while the app is built).
    if (config.MIGRATE_ON_START) {
      await migrate({
        databaseUrl: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL,
        migrationsDir: fileURLToPath(opts.migrations),
        logger: logger.child({ service: opts.name, component: 'migrate' }),
      });
    }
    const prepared = opts.prepare ? await opts.prepare(config, logger) : ({} as Deps);
    const app = await opts.buildApp(config, { ...prepared, logger });
    await startServer(app, config);
  });
}
