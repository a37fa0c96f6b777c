import { fileURLToPath, pathToFileURL } from 'node:url';
import { readStartConfig } from './lib/config.js';
import { runQuietly } from './lib/run-command.js';
import { devSecretGenerators, DEV_SECRETS_FILE } from './lib/dev-secrets.js';
import { ensureDevSecrets } from './lib/secrets.js';
import { brokersOf, databasesOf, databaseUrl, PROCESSES, secretOf } from './lib/services.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Creates each service's schema with its runtime user (data rights only) and its migrator (DDL),
 * idempotently, passwords kept in sync with the dev secrets. Needs @kavosh/db built: it is
 * imported only here, after the build.
 */
export async function provisionDatabases(
  adminUrl: string,
  secrets: Record<string, string>,
): Promise<string[]> {
  const { provision } = await import('@kavosh/db');
  const databases = databasesOf(PROCESSES).map((db) => ({
    schema: db.schema,
    user: db.user,
    password: secretOf(secrets, db.passwordSecret),
    migrator: { user: db.migrator.user, password: secretOf(secrets, db.migrator.passwordSecret) },
  }));
  await provision({ adminUrl, databases });
  return databases.map((db) => db.schema);
}

/** Applies each service's pending migrations as its migrator, before any service starts. */
export async function migrateDatabases(
  adminUrl: string,
  secrets: Record<string, string>,
): Promise<void> {
  const { migrate } = await import('@kavosh/db');
  for (const spec of PROCESSES) {
    if (!spec.database) continue;
    const { migrator, schema } = spec.database;
    await migrate({
      databaseUrl: databaseUrl(
        adminUrl,
        { schema, user: migrator.user },
        secretOf(secrets, migrator.passwordSecret),
      ),
      migrationsDir: `${ROOT}/${spec.dir}/prisma/migrations`,
    });
  }
}

/**
 * Creates each service's RabbitMQ user with its own queues and routing keys (rabbitmqctl, or `ctl`
 * such as `docker compose exec -T rabbitmq rabbitmqctl`). Needs @kavosh/messaging built.
 */
export async function provisionBroker(
  amqpUrl: string,
  secrets: Record<string, string>,
  ctl?: string[],
): Promise<string[]> {
  const { provisionBrokerUsers } = await import('@kavosh/messaging');
  const accounts = brokersOf(PROCESSES).map((b) => ({
    service: b.service,
    user: b.user,
    password: secretOf(secrets, b.passwordSecret),
    consumes: b.consumes,
  }));
  const vhost = decodeURIComponent(new URL(amqpUrl).pathname.slice(1)) || '/';
  await provisionBrokerUsers({ accounts, vhost, ...(ctl ? { ctl } : {}) }).catch((err: unknown) => {
    throw new Error(
      `creating the RabbitMQ users with ${(ctl ?? ['rabbitmqctl']).join(' ')} failed (it must run on the broker's machine, as a user that can read its Erlang cookie): ${err instanceof Error ? err.message : String(err)}`,
    );
  });
  return accounts.map((a) => a.user);
}

async function main(): Promise<void> {
  const config = readStartConfig(ROOT);
  const { values } = ensureDevSecrets(`${ROOT}/${DEV_SECRETS_FILE}`, devSecretGenerators());
  await runQuietly('npx', ['nx', 'run-many', '-t', 'build', '-p', 'db', 'messaging'], {
    cwd: ROOT,
  });
  const schemas = await provisionDatabases(config.mysqlAdminUrl, values);
  await migrateDatabases(config.mysqlAdminUrl, values);
  console.log(
    `provisioned and migrated ${schemas.join(', ')} on ${new URL(config.mysqlAdminUrl).host}`,
  );
  const users = await provisionBroker(config.amqpUrl, values);
  console.log(`RabbitMQ users ${users.join(', ')} on ${new URL(config.amqpUrl).host}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`provision failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
