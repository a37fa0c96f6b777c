// The image's migration entry: applies the pending migrations of this service's schema and exits.
// `node /app/migrate.mjs` in any service image (compose's <service>-migrate containers, the
// Deployments' `migrate` init container), so a rollout migrates before the new version serves;
// the server then starts with MIGRATE_ON_START=false. It needs DATABASE_URL and nothing else, so
// it carries no other secret. One script for the four services: only the migrations differ, and
// each image holds its own in prisma/migrations under the WORKDIR.
// Exit 0 when the schema is up to date (already, or now); 1 with a message naming the problem.
import { resolve } from 'node:path';
import { migrate } from '@kavosh/db';
import { createLogger, HttpEnv, loadConfig, runMain } from '@kavosh/service-kit';
import { Type } from 'typebox';

const MigrateEnv = Type.Object({
  DATABASE_URL: Type.String({
    pattern: '^(mysql|mariadb)://.+',
    description: 'a mysql:// or mariadb:// URL',
  }),
  // Relative to the working directory: the image's WORKDIR is the service's folder.
  MIGRATIONS_DIR: Type.String({ minLength: 1, default: 'prisma/migrations' }),
  // How long to wait while another replica migrates the same schema (its advisory lock).
  MIGRATE_LOCK_TIMEOUT_S: Type.Integer({ minimum: 1, maximum: 3_600, default: 300 }),
  LOG_LEVEL: HttpEnv.properties.LOG_LEVEL,
});

/** user@host:port/schema: enough to tell which database failed, without the password. */
function describeDatabase(url) {
  try {
    const u = new URL(url);
    return `${decodeURIComponent(u.username)}@${u.host}${u.pathname}`;
  } catch {
    return 'the database in DATABASE_URL';
  }
}

await runMain(async () => {
  const config = loadConfig(MigrateEnv, process.env);
  const logger = createLogger({ level: config.LOG_LEVEL }).child({ component: 'migrate' });
  const migrationsDir = resolve(config.MIGRATIONS_DIR);
  const database = describeDatabase(config.DATABASE_URL);
  let applied;
  try {
    ({ applied } = await migrate({
      databaseUrl: config.DATABASE_URL,
      migrationsDir,
      logger,
      lockTimeoutSeconds: config.MIGRATE_LOCK_TIMEOUT_S,
    }));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`migrating ${database} from ${migrationsDir} failed: ${reason}`, {
      cause: err,
    });
  }
  logger.info(
    { applied, database, migrations_dir: migrationsDir },
    applied.length > 0 ? `applied ${applied.length} migration(s)` : 'schema already up to date',
  );
});
