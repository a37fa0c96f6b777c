import { fileURLToPath, pathToFileURL } from 'node:url';
import { readStartConfig } from './lib/config.js';
import { runQuietly } from './lib/run-command.js';
import { devSecretGenerators, DEV_SECRETS_FILE } from './lib/dev-secrets.js';
import { ensureDevSecrets } from './lib/secrets.js';
import { databasesOf, PROCESSES } from './lib/services.js';

/**
 * Creates each service's schema and MySQL user (idempotent; passwords kept in sync with the dev
 * secrets). Needs @kavosh/db built: it is imported only here, after the build.
 */
export async function provisionDatabases(
  adminUrl: string,
  secrets: Record<string, string>,
): Promise<string[]> {
  const { provision } = await import('@kavosh/db');
  const databases = databasesOf(PROCESSES).map((db) => {
    const password = secrets[db.passwordSecret];
    if (password === undefined) throw new Error(`missing dev secret ${db.passwordSecret}`);
    return { schema: db.schema, user: db.user, password };
  });
  await provision({ adminUrl, databases });
  return databases.map((db) => db.schema);
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const config = readStartConfig(root);
  const { values } = ensureDevSecrets(`${root}/${DEV_SECRETS_FILE}`, devSecretGenerators());
  await runQuietly('npx', ['nx', 'run', 'db:build'], { cwd: root });
  const schemas = await provisionDatabases(config.mysqlAdminUrl, values);
  console.log(`provisioned ${schemas.join(', ')} on ${new URL(config.mysqlAdminUrl).host}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`provision failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
