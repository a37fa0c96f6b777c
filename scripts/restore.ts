// npm run restore -- <service> <backup-dir|s3://bucket/prefix/<service>/<timestamp>> [--database-url <mysql://…>] [--verify-only]
// Verifies the backup (manifest, every checksum, migration level) before touching anything, then
// restores into an empty schema and applies the code's pending migrations; see docs/operations.md.
// A bucket's backup is first downloaded to a scratch folder (sizes checked against its manifest).
// Target: --database-url, else <SERVICE>_DATABASE_URL, else MYSQL_ADMIN_URL at kavosh_<service>.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkMigrationLevel,
  restoreSchema,
  verifyBackup,
  RestoreError,
} from './lib/backup/restore.js';
import { downloadBackup, isS3Url, parseS3Url, s3ClientFromEnv } from './lib/backup/s3.js';
import { BACKUP_SERVICES, databaseUrlFor } from './lib/backup/targets.js';
import { readStartConfig } from './lib/config.js';

const USAGE =
  'usage: npm run restore -- <service> <backup-dir|s3://bucket/prefix/service/timestamp> [--database-url <mysql://…>] [--verify-only]\n' +
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
  return {
    service,
    backupDir: isS3Url(backupDir) ? backupDir : path.resolve(process.cwd(), backupDir),
    databaseUrl,
    verifyOnly,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!isS3Url(args.backupDir)) return restoreFrom(args);
  const location = parseS3Url(args.backupDir);
  const scratch = await mkdtemp(path.join(tmpdir(), 'kavosh-restore-'));
  // The pinned SDK warns on Node 20 about its future releases, on every run: not this run's concern.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const s3 = s3ClientFromEnv(process.env);
  try {
    await downloadBackup(s3, location, scratch);
    await restoreFrom({ ...args, backupDir: scratch }, args.backupDir);
  } finally {
    s3.destroy();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function restoreFrom(
  args: ReturnType<typeof parseArgs>,
  shownAs = args.backupDir,
): Promise<void> {
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
      `${shownAs}: intact (${manifest.tables.length} tables, migration ${manifest.migrationLevel ?? 'none'}, ${pending.length} pending)`,
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
