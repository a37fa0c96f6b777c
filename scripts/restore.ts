// npm run restore -- <service> <backup-dir> [--database-url <mysql://…>] [--verify-only]
// Verifies the backup (manifest, every checksum, migration level) before touching anything, then
// restores into an empty schema and applies the code's pending migrations; see docs/operations.md.
// Target: --database-url, else <SERVICE>_DATABASE_URL, else MYSQL_ADMIN_URL at kavosh_<service>.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkMigrationLevel,
  restoreSchema,
  verifyBackup,
  RestoreError,
} from './lib/backup/restore.js';
import { BACKUP_SERVICES, databaseUrlFor } from './lib/backup/targets.js';
import { readStartConfig } from './lib/config.js';

const USAGE =
  'usage: npm run restore -- <service> <backup-dir> [--database-url <mysql://…>] [--verify-only]\n' +
  `       services: ${BACKUP_SERVICES.join(', ')}`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv: string[]) {
  const positional: string[] = [];
  let databaseUrl: string | undefined;
  let verifyOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--database-url') databaseUrl = argv[++i];
    else if (arg === '--verify-only') verifyOnly = true;
    else if (arg?.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (arg !== undefined) positional.push(arg);
  }
  const [service, backupDir, ...rest] = positional;
  if (!service || !backupDir || rest.length > 0 || !BACKUP_SERVICES.includes(service))
    throw new Error(USAGE);
  return { service, backupDir: path.resolve(process.cwd(), backupDir), databaseUrl, verifyOnly };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const migrationsDir = path.join(ROOT, 'services', args.service, 'prisma', 'migrations');
  if (args.verifyOnly) {
    const { manifest } = await verifyBackup(args.backupDir);
    if (manifest.service !== args.service)
      throw new RestoreError(
        'WRONG_SERVICE',
        `the backup is of ${manifest.service}, not ${args.service}`,
      );
    const pending = await checkMigrationLevel(manifest, migrationsDir);
    console.log(
      `${args.backupDir}: intact (${manifest.tables.length} tables, migration ${manifest.migrationLevel ?? 'none'}, ${pending.length} pending)`,
    );
    return;
  }
  const config = readStartConfig(ROOT);
  const databaseUrl = databaseUrlFor(
    args.service,
    process.env,
    config.mysqlAdminUrl,
    args.databaseUrl,
  );
  const result = await restoreSchema({
    service: args.service,
    backupDir: args.backupDir,
    databaseUrl,
    migrationsDir,
    log: (message) => console.log(message),
  });
  const rows = Object.values(result.restoredRows).reduce((n, r) => n + r, 0);
  console.log(
    `restored ${rows} rows of ${result.manifest.service} (taken ${result.manifest.startedAt}); migrations applied: ${result.migrated.join(', ') || 'none'}`,
  );
}

main().catch((err: unknown) => {
  const code = err instanceof RestoreError ? `${err.code}: ` : '';
  console.error(`${code}${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
