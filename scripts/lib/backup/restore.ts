import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import mariadb, { type Connection } from 'mariadb';
import { migrate } from '@kavosh/db';
import { connectionConfig } from './connection.js';
import { readMigrationFiles } from './migrations.js';
import {
  BACKUP_FORMAT,
  DDL_MARKER,
  EXACT_VALUES,
  MANIFEST_FILE,
  SESSION_TIME_ZONE,
  decodeValue,
  isIdentifier,
  quoteIdentifier,
  sha256,
  type BackupManifest,
  type TableEntry,
} from './format.js';

export type RestoreErrorCode =
  | 'BAD_MANIFEST'
  | 'WRONG_SERVICE'
  | 'CORRUPT_BACKUP'
  | 'NEWER_MIGRATION_LEVEL'
  | 'UNKNOWN_MIGRATION'
  | 'TARGET_NOT_EMPTY';

/** Why a restore refused to start; none of these is raised after the target was touched. */
export class RestoreError extends Error {
  override readonly name = 'RestoreError';
  constructor(
    readonly code: RestoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// Rows per INSERT: large enough to be quick, small enough to stay under max_allowed_packet.
const INSERT_BATCH_ROWS = 500;
const INSERT_BATCH_BYTES = 1 << 20;

/**
 * Reads manifest.json and checks every file against it: size and SHA-256 of each stored file,
 * then its decompressed rows (count and content hash), the DDL, and that _prisma_migrations
 * holds exactly the migrations the manifest names. Touches no database.
 */
export async function verifyBackup(
  dir: string,
): Promise<{ manifest: BackupManifest; ddl: Map<string, string> }> {
  const manifest = await readManifest(dir);
  const schemaBytes = await readFile(path.join(dir, manifest.schemaFile.file)).catch(() => {
    throw new RestoreError('CORRUPT_BACKUP', `${manifest.schemaFile.file} is missing`);
  });
  if (sha256(schemaBytes) !== manifest.schemaFile.sha256)
    throw new RestoreError(
      'CORRUPT_BACKUP',
      `${manifest.schemaFile.file}: checksum differs from the manifest`,
    );
  const ddl = parseDdl(schemaBytes.toString('utf8'));
  const names = manifest.tables.map((t) => t.name);
  if (ddl.size !== names.length || names.some((n) => !ddl.has(n)))
    throw new RestoreError('CORRUPT_BACKUP', 'schema.sql and the manifest list different tables');
  for (const table of manifest.tables) {
    const seen = await readTableFile(dir, table, () => undefined);
    if (seen.sha256 !== table.sha256 || seen.bytes !== table.bytes)
      throw new RestoreError('CORRUPT_BACKUP', `${table.file}: checksum differs from the manifest`);
    if (seen.rows !== table.rows || seen.contentSha256 !== table.contentSha256)
      throw new RestoreError('CORRUPT_BACKUP', `${table.file}: rows differ from the manifest`);
  }
  const recorded = manifest.tables.find((t) => t.name === '_prisma_migrations');
  const inTable = recorded ? await migrationsInTable(dir, recorded) : [];
  if (JSON.stringify(inTable) !== JSON.stringify(manifest.migrations))
    throw new RestoreError(
      'CORRUPT_BACKUP',
      "_prisma_migrations does not match the manifest's migrations",
    );
  return { manifest, ddl };
}

/**
 * Refuses a backup whose schema is ahead of the code: a migration it applied that the code's
 * migrations directory lacks. Returns the code's migrations the backup has not applied yet.
 */
export async function checkMigrationLevel(
  manifest: BackupManifest,
  migrationsDir: string,
): Promise<string[]> {
  const code = (await readMigrationFiles(migrationsDir)).map((f) => f.name);
  const known = new Set(code);
  const lastInCode = code.at(-1) ?? '';
  for (const name of manifest.migrations) {
    if (known.has(name)) continue;
    if (name > lastInCode)
      throw new RestoreError(
        'NEWER_MIGRATION_LEVEL',
        `the backup is at migration ${manifest.migrationLevel ?? name}, newer than this code's last (${lastInCode || 'none'}): restore it with the code version that took it`,
      );
    throw new RestoreError(
      'UNKNOWN_MIGRATION',
      `the backup applied ${name}, which this code does not have`,
    );
  }
  const applied = new Set(manifest.migrations);
  return code.filter((name) => !applied.has(name));
}

export interface RestoreOptions {
  service: string;
  backupDir: string;
  /** mysql:// URL of the target schema; created when missing, refused when it holds any table. */
  databaseUrl: string;
  /** The code's migrations (services/<service>/prisma/migrations). */
  migrationsDir: string;
  log?: (message: string) => void;
}

export interface RestoreResult {
  manifest: BackupManifest;
  restoredRows: Record<string, number>;
  migrated: string[];
}

/**
 * Verifies the backup, its migration level and the target's emptiness before any write; then
 * creates the tables, loads the rows (foreign-key checks off, as the rows are a consistent set),
 * and applies the migrations the code has and the backup lacks.
 */
export async function restoreSchema(opts: RestoreOptions): Promise<RestoreResult> {
  const log = opts.log ?? (() => undefined);
  const { manifest, ddl } = await verifyBackup(opts.backupDir);
  if (manifest.service !== opts.service)
    throw new RestoreError(
      'WRONG_SERVICE',
      `the backup is of ${manifest.service}, not ${opts.service}`,
    );
  const pending = await checkMigrationLevel(manifest, opts.migrationsDir);
  log(
    `verified ${manifest.tables.length} table files; ${pending.length} migration(s) to apply after the load`,
  );

  const config = connectionConfig(opts.databaseUrl);
  const target = config.database;
  if (!target) throw new Error('the target database URL names no schema');
  const { database: _omit, ...server } = config;
  const conn = await mariadb.createConnection({
    ...server,
    ...EXACT_VALUES,
    connectTimeout: 10_000,
  });
  const restoredRows: Record<string, number> = {};
  try {
    const [existing]: { n: bigint }[] = await conn.query(
      'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?',
      [target],
    );
    if (Number(existing?.n ?? 0) > 0)
      throw new RestoreError(
        'TARGET_NOT_EMPTY',
        `${target} already holds tables: restore only into an empty schema`,
      );
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(target)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await conn.query(`USE ${quoteIdentifier(target)}`);
    await conn.query(SESSION_TIME_ZONE);
    // Rows go in as they were: ids of 0 kept, references checked by the snapshot, not per row.
    await conn.query(
      "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@sql_mode, ''), 'NO_AUTO_VALUE_ON_ZERO')",
    );
    await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    for (const table of manifest.tables) {
      const statement = ddl.get(table.name);
      if (statement === undefined) throw new Error(`no DDL for ${table.name}`);
      await conn.query(statement);
    }
    for (const table of manifest.tables) {
      restoredRows[table.name] = await loadTable(conn, opts.backupDir, table);
      log(`${table.name}: ${restoredRows[table.name]} rows`);
    }
    await conn.query('SET SESSION foreign_key_checks = 1, unique_checks = 1');
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
  const { applied } = await migrate({
    databaseUrl: opts.databaseUrl,
    migrationsDir: opts.migrationsDir,
  });
  for (const name of applied) log(`migration applied: ${name}`);
  return { manifest, restoredRows, migrated: applied };
}

async function loadTable(conn: Connection, dir: string, table: TableEntry): Promise<number> {
  const head = `INSERT INTO ${quoteIdentifier(table.name)} (${table.columns.map(quoteIdentifier).join(', ')}) VALUES `;
  const tuple = `(${table.columns.map(() => '?').join(', ')})`;
  let batch: unknown[][] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    batchBytes = 0;
    await conn.query(head + rows.map(() => tuple).join(', '), rows.flat());
  };
  await conn.beginTransaction();
  const seen = await readTableFile(dir, table, async (values, lineBytes) => {
    batch.push(values);
    batchBytes += lineBytes;
    if (batch.length >= INSERT_BATCH_ROWS || batchBytes >= INSERT_BATCH_BYTES) await flush();
  });
  await flush();
  await conn.commit();
  return seen.rows;
}

/**
 * Streams a table file: hashes the stored bytes and the decompressed lines, decodes each row and
 * hands it to onRow (awaited, so a slow database slows the read). Throws CORRUPT_BACKUP on a
 * missing file, a broken gzip stream or a line that is not a row of the table's width.
 */
async function readTableFile(
  dir: string,
  table: TableEntry,
  onRow: (values: unknown[], lineBytes: number) => Promise<void> | void,
): Promise<{ rows: number; sha256: string; bytes: number; contentSha256: string }> {
  const stored = createHash('sha256');
  const content = createHash('sha256');
  let bytes = 0;
  let rows = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      stored.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const handle = async (line: string) => {
    content.update(`${line}\n`);
    let values: unknown[];
    try {
      const parsed: unknown = JSON.parse(line);
      if (!Array.isArray(parsed) || parsed.length !== table.columns.length)
        throw new Error('not a row of the table');
      values = parsed.map(decodeValue);
    } catch (err) {
      throw new RestoreError(
        'CORRUPT_BACKUP',
        `${table.file}: line ${rows + 1}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    rows++;
    await onRow(values, line.length);
  };
  const decoder = new StringDecoder('utf8');
  let rest = '';
  // Awaits each row before taking the next chunk: a slow database slows the read.
  const consume = new Writable({
    write(chunk: Buffer, _enc, done) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop() ?? '';
      lines
        .reduce((prev, line) => prev.then(() => handle(line)), Promise.resolve())
        .then(() => done(), done);
    },
    final(done) {
      // Every row ends with a newline: anything after the last one is a cut-off row.
      rest += decoder.end();
      done(rest === '' ? null : new Error('the last row is cut off'));
    },
  });
  await pipeline(createReadStream(path.join(dir, table.file)), tap, createGunzip(), consume).catch(
    (err: unknown) => {
      if (err instanceof RestoreError) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      throw new RestoreError('CORRUPT_BACKUP', `${table.file}: ${reason}`);
    },
  );
  return { rows, sha256: stored.digest('hex'), bytes, contentSha256: content.digest('hex') };
}

/** Reads and checks <dir>/manifest.json (shape only, not the files); throws BAD_MANIFEST. */
export async function readManifest(dir: string): Promise<BackupManifest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8'));
  } catch (err) {
    throw new RestoreError(
      'BAD_MANIFEST',
      `cannot read ${MANIFEST_FILE} in ${dir}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const m = parsed as Partial<BackupManifest> | null;
  const hex = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
  const problems: string[] = [];
  if (m === null || typeof m !== 'object')
    throw new RestoreError('BAD_MANIFEST', 'the manifest is not an object');
  if (m.format !== BACKUP_FORMAT)
    problems.push(`format ${String(m.format)} (this tool reads ${BACKUP_FORMAT})`);
  if (!isIdentifier(m.service)) problems.push('service');
  if (!Array.isArray(m.migrations) || !m.migrations.every((n) => typeof n === 'string'))
    problems.push('migrations');
  if (!m.schemaFile || m.schemaFile.file !== 'schema.sql' || !hex(m.schemaFile.sha256))
    problems.push('schemaFile');
  if (!Array.isArray(m.tables)) problems.push('tables');
  else
    m.tables.forEach((t, i) => {
      const ok =
        isIdentifier(t.name) &&
        t.file === `${t.name}.ndjson.gz` &&
        Array.isArray(t.columns) &&
        t.columns.length > 0 &&
        t.columns.every(isIdentifier) &&
        Number.isSafeInteger(t.rows) &&
        t.rows >= 0 &&
        Number.isSafeInteger(t.bytes) &&
        hex(t.sha256) &&
        hex(t.contentSha256);
      if (!ok) problems.push(`tables[${i}]`);
    });
  if (problems.length > 0)
    throw new RestoreError('BAD_MANIFEST', `the manifest is invalid: ${problems.join(', ')}`);
  return m as BackupManifest;
}

/** Splits schema.sql at its markers; each statement must create the table its marker names. */
function parseDdl(text: string): Map<string, string> {
  const ddl = new Map<string, string>();
  for (const part of text.split(DDL_MARKER).slice(1)) {
    const newline = part.indexOf('\n');
    const name = part.slice(0, newline);
    const statement = part
      .slice(newline + 1)
      .trim()
      .replace(/;$/, '');
    if (!isIdentifier(name) || !statement.startsWith(`CREATE TABLE \`${name}\` (`))
      throw new RestoreError(
        'CORRUPT_BACKUP',
        `schema.sql: unexpected statement for ${JSON.stringify(name)}`,
      );
    ddl.set(name, statement);
  }
  return ddl;
}

async function migrationsInTable(dir: string, table: TableEntry): Promise<string[]> {
  const at = (name: string) => table.columns.indexOf(name);
  const [nameAt, finishedAt, rolledBackAt] = [
    at('migration_name'),
    at('finished_at'),
    at('rolled_back_at'),
  ];
  if (nameAt < 0 || finishedAt < 0 || rolledBackAt < 0)
    throw new RestoreError('CORRUPT_BACKUP', '_prisma_migrations lacks its columns');
  const names: string[] = [];
  await readTableFile(dir, table, (values) => {
    if (values[finishedAt] !== null && values[rolledBackAt] === null)
      names.push(String(values[nameAt]));
  });
  return names.sort();
}
