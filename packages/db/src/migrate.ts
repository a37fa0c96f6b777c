import { createHash, randomUUID } from 'node:crypto';
import mariadb from 'mariadb';
import type { Connection } from 'mariadb';
import type { BaseLogger } from 'pino';
import { connectionConfig } from './connection.js';
import { checksumMatches, readMigrationFiles } from './migration-files.js';

export type MigrationErrorCode =
  | 'CHECKSUM_MISMATCH'
  | 'FAILED_MIGRATION'
  | 'LOCK_TIMEOUT'
  | 'MISSING_MIGRATION'
  | 'OUT_OF_ORDER'
  | 'APPLY_FAILED';

/** Why migrate() refused to run or stopped. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly migration?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// Prisma's own table for MySQL, so that Prisma tooling reads our history and we read its.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at DATETIME(3),
  migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at DATETIME(3),
  started_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), applied_steps_count INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies the pending migrations of a Prisma migrations directory (`<timestamp>_<name>/migration.sql`)
 * in folder-name order, recording them in `_prisma_migrations` as Prisma does. Concurrent callers
 * are serialized by an advisory lock. Throws MigrationError before touching the schema when the
 * history disagrees with the files, and APPLY_FAILED (recorded in `logs`) when a script fails.
 */
export async function migrate(opts: {
  databaseUrl: string;
  migrationsDir: string;
  logger?: Pick<BaseLogger, 'info'>;
  lockTimeoutSeconds?: number;
}): Promise<{ applied: string[] }> {
  const config = connectionConfig(opts.databaseUrl);
  if (!config.database) throw new Error('migrate(): the database URL names no database');
  const files = await readMigrationFiles(opts.migrationsDir);
  const conn = await mariadb.createConnection({
    ...config,
    connectTimeout: 10_000,
    multipleStatements: true,
  });
  const lock = lockName(config.database);
  let locked = false;
  try {
    const lockTimeout = opts.lockTimeoutSeconds ?? 60;
    const [row]: { got: number | bigint | null }[] = await conn.query(
      'SELECT GET_LOCK(?, ?) AS got',
      [lock, lockTimeout],
    );
    if (row === undefined || Number(row.got) !== 1) {
      throw new MigrationError(
        'LOCK_TIMEOUT',
        `another migration of ${config.database} held the lock for ${lockTimeout} s`,
      );
    }
    locked = true;
    await conn.query(CREATE_MIGRATIONS_TABLE);
    const rows: AppliedRow[] = await conn.query(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at, migration_name',
    );
    const applied = checkHistory(rows, files);
    const pending = files.filter((f) => !applied.has(f.name));
    const done: string[] = [];
    for (const file of pending) {
      const t0 = performance.now();
      await applyOne(conn, file);
      opts.logger?.info(
        { migration: file.name, ms: Math.round(performance.now() - t0) },
        'migration applied',
      );
      done.push(file.name);
    }
    return { applied: done };
  } finally {
    if (locked) await conn.query('SELECT RELEASE_LOCK(?)', [lock]).catch(() => undefined);
    await conn.end().catch(() => conn.destroy());
  }
}

/** Names of the applied migrations; throws when the recorded history disagrees with the files. */
function checkHistory(rows: AppliedRow[], files: { name: string; sql: string }[]): Set<string> {
  const live = rows.filter((r) => r.rolled_back_at === null);
  const failed = live.find((r) => r.finished_at === null);
  if (failed) {
    throw new MigrationError(
      'FAILED_MIGRATION',
      `migration ${failed.migration_name} failed earlier and is not rolled back: fix the database by hand, then mark it rolled back (UPDATE _prisma_migrations SET rolled_back_at = NOW(3) …)`,
      failed.migration_name,
    );
  }
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of live) {
    const file = byName.get(row.migration_name);
    if (file === undefined) {
      throw new MigrationError(
        'MISSING_MIGRATION',
        `migration ${row.migration_name} is applied in the database but its folder is missing from the migrations directory`,
        row.migration_name,
      );
    }
    if (!checksumMatches(file.sql, row.checksum)) {
      throw new MigrationError(
        'CHECKSUM_MISMATCH',
        `migration ${row.migration_name} was edited after it was applied (checksum differs): add a new migration instead`,
        row.migration_name,
      );
    }
  }
  const applied = new Set(live.map((r) => r.migration_name));
  // A new folder that sorts before the last applied one (a branch merged late, a mistyped
  // timestamp) would run after migrations written on top of a schema without it: refuse it.
  const last = [...applied].sort().at(-1);
  const early =
    last === undefined ? [] : files.filter((f) => !applied.has(f.name) && f.name < last);
  if (early.length > 0) {
    const names = early.map((f) => f.name).join(', ');
    throw new MigrationError(
      'OUT_OF_ORDER',
      `migration ${names} is not applied but sorts before the last applied migration ${last ?? ''}: rename its folder with a timestamp after ${last ?? ''}`,
      early[0]?.name,
    );
  }
  return applied;
}

async function applyOne(
  conn: Connection,
  file: { name: string; sql: string; checksum: string },
): Promise<void> {
  const id = randomUUID();
  await conn.query(
    'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, NOW(3), 0)',
    [id, file.checksum, file.name],
  );
  try {
    // An empty script is a valid migration; the server refuses an empty query.
    if (file.sql.trim() !== '') await conn.query(file.sql);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // MySQL DDL commits as it goes: what ran before the failure stays, as with Prisma.
    await conn.query('UPDATE _prisma_migrations SET logs = ? WHERE id = ?', [message, id]);
    throw new MigrationError(
      'APPLY_FAILED',
      `migration ${file.name} failed: ${message}`,
      file.name,
      { cause: err },
    );
  }
  await conn.query(
    'UPDATE _prisma_migrations SET finished_at = NOW(3), applied_steps_count = 1 WHERE id = ?',
    [id],
  );
}

// GET_LOCK names are limited to 64 characters; long schema names get a stable hash instead.
function lockName(schema: string): string {
  const name = `${schema}.migrate`;
  return name.length <= 64
    ? name
    : `migrate.${createHash('sha256').update(schema).digest('hex').slice(0, 48)}`;
}
