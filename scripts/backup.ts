// npm run backup -- <service|all> [--to <dir>|s3://bucket/prefix] [--database-url <mysql://…>]
// A consistent logical backup of each service's schema into <dir>/<service>/<timestamp>/
// (default tmp/backups, git-ignored), or the same files under s3://bucket/prefix/<service>/<timestamp>/
// (BACKUP_S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION); see docs/operations.md.
// Connection: --database-url (one service only), else <SERVICE>_DATABASE_URL, else MYSQL_ADMIN_URL
// pointed at kavosh_<service>.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupSchema, toolVersion } from './lib/backup/backup.js';
import { s3ClientFromEnv, s3Url, uploadBackup } from './lib/backup/s3.js';
import { BACKUP_SERVICES, databaseUrlFor, parseTarget } from './lib/backup/targets.js';
import { readStartConfig } from './lib/config.js';

const USAGE =
  'usage: npm run backup -- <service|all> [--to <dir>|s3://bucket/prefix] [--database-url <mysql://…>]\n' +
  `       services: ${BACKUP_SERVICES.join(', ')}`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv: string[]): { services: string[]; to?: string; databaseUrl?: string } {
  const positional: string[] = [];
  let to: string | undefined;
  let databaseUrl: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--to') to = argv[++i];
    else if (arg === '--database-url') databaseUrl = argv[++i];
    else if (arg?.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (arg !== undefined) positional.push(arg);
  }
  const [which, ...rest] = positional;
  if (!which || rest.length > 0) throw new Error(USAGE);
  if (which !== 'all' && !BACKUP_SERVICES.includes(which)) throw new Error(USAGE);
  if (which === 'all' && databaseUrl)
    throw new Error('--database-url names one schema: back up one service with it');
  return {
    services: which === 'all' ? BACKUP_SERVICES : [which],
    ...(to !== undefined ? { to } : {}),
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const target = parseTarget(args.to, process.cwd());
  const config = readStartConfig(ROOT);
  const version = await toolVersion(ROOT);
  // The pinned SDK warns on Node 20 about its future releases, on every run: not this run's concern.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const s3 = target.kind === 's3' ? s3ClientFromEnv(process.env) : undefined;
  // A bucket target: each backup is written to a local scratch folder, uploaded, then deleted.
  const root =
    target.kind === 'dir' ? target.path : await mkdtemp(path.join(tmpdir(), 'kavosh-backup-'));
  try {
    for (const service of args.services) {
      const databaseUrl = databaseUrlFor(
        service,
        process.env,
        config.mysqlAdminUrl,
        args.databaseUrl,
      );
      const { dir, manifest } = await backupSchema({
        service,
        databaseUrl,
        root,
        toolVersion: version,
        afterTable: (t) => console.log(`  ${service}.${t.name}: ${t.rows} rows`),
      });
      let where = dir;
      if (s3 && target.kind === 's3') {
        const { bucket, prefix } = target.location;
        const location = {
          bucket,
          prefix: [prefix, service, path.basename(dir)].filter((s) => s !== '').join('/'),
        };
        await uploadBackup(s3, location, dir);
        where = s3Url(location);
      }
      const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
      console.log(
        `${service}: ${manifest.tables.length} tables, ${rows} rows, migration ${manifest.migrationLevel ?? 'none'} → ${where}`,
      );
    }
  } finally {
    if (s3) {
      s3.destroy();
      await rm(root, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
