import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import mariadb, { type Connection } from 'mariadb';
import { connectionConfig } from './connection.js';
import {
  BACKUP_FORMAT,
  DDL_MARKER,
  EXACT_VALUES,
  MANIFEST_FILE,
  SCHEMA_FILE,
  SESSION_TIME_ZONE,
  encodeValue,
  quoteIdentifier,
  sha256,
  type BackupManifest,
  type TableEntry,
} from './format.js';

export interface BackupOptions {
  service: string;
  /** mysql:// URL naming the service's schema; the user needs SELECT (and SHOW VIEW) on it. */
  databaseUrl: string;
  /** The folder backups go under: the backup is written to <root>/<service>/<timestamp>/. */
  root: string;
  toolVersion: string;
  now?: () => Date;
  /** Called after each table is written, inside the snapshot (progress; tests write meanwhile). */
  afterTable?: (table: TableEntry) => Promise<void> | void;
}

interface ColumnRow {
  name: string;
  extra: string;
}

/**
 * A logical backup of one schema from a single REPEATABLE READ snapshot: every base table
 * (incl. _prisma_migrations, outbox and inbox) streamed row by row to <table>.ndjson.gz in
 * primary-key order, the DDL to schema.sql, and manifest.json with counts and SHA-256s. The folder
 * is written as <timestamp>.partial and renamed only when complete.
 */
export async function backupSchema(opts: BackupOptions): Promise<{
  dir: string;
  manifest: BackupManifest;
}> {
  const config = connectionConfig(opts.databaseUrl);
  const schema = config.database;
  if (!schema) throw new Error(`the database URL for ${opts.service} names no schema`);
  const now = opts.now ?? (() => new Date());
  const conn = await mariadb.createConnection({
    ...config,
    ...EXACT_VALUES,
    connectTimeout: 10_000,
  });
  let partial: string | undefined;
  try {
    await conn.query(SESSION_TIME_ZONE);
    await conn.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await conn.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const started = now();
    const binlog = await snapshotBinlogPosition(conn);
    const stamp = started
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.(\d{3})Z$/, '$1Z');
    const dir = path.join(opts.root, opts.service, stamp);
    partial = `${dir}.partial`;
    await mkdir(partial, { recursive: true });

    const tableRows: { name: string }[] = await conn.query(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name",
      [schema],
    );
    const ddl: string[] = [];
    const tables: TableEntry[] = [];
    for (const { name } of tableRows) {
      const [created]: { 'Create Table': string }[] = await conn.query(
        `SHOW CREATE TABLE ${quoteIdentifier(name)}`,
      );
      if (!created) throw new Error(`SHOW CREATE TABLE ${name} returned nothing`);
      ddl.push(`${DDL_MARKER}${name}\n${created['Create Table']};\n`);
      const entry = await dumpTable(conn, schema, name, partial);
      tables.push(entry);
      await opts.afterTable?.(entry);
    }
    const migrations = await appliedMigrations(conn, tables);
    const [version]: { v: string }[] = await conn.query('SELECT VERSION() AS v');
    await conn.query('COMMIT');

    const schemaSql = ddl.join('\n');
    await writeFile(path.join(partial, SCHEMA_FILE), schemaSql);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      tool: { name: 'kavosh-backup', version: opts.toolVersion },
      service: opts.service,
      schema,
      startedAt: started.toISOString(),
      finishedAt: now().toISOString(),
      server: version?.v ?? 'unknown',
      migrationLevel: migrations.at(-1) ?? null,
      migrations,
      binlog,
      schemaFile: { file: SCHEMA_FILE, sha256: sha256(schemaSql) },
      tables,
    };
    await writeFile(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(partial, dir);
    partial = undefined;
    return { dir, manifest };
  } finally {
    if (partial) await rm(partial, { recursive: true, force: true });
    await conn.end().catch(() => conn.destroy());
  }
}

async function dumpTable(
  conn: Connection,
  schema: string,
  table: string,
  dir: string,
): Promise<TableEntry> {
  const columnRows: ColumnRow[] = await conn.query(
    'SELECT column_name AS name, extra FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position',
    [schema, table],
  );
  const columns = columnRows.filter((c) => !/GENERATED/i.test(c.extra)).map((c) => c.name);
  const keyRows: { name: string }[] = await conn.query(
    "SELECT column_name AS name FROM information_schema.statistics WHERE table_schema = ? AND table_name = ? AND index_name = 'PRIMARY' ORDER BY seq_in_index",
    [schema, table],
  );
  // Primary-key order makes equal contents give equal files; without a key, every column.
  const order = (keyRows.length > 0 ? keyRows.map((k) => k.name) : columns).map(quoteIdentifier);
  const file = `${table}.ndjson.gz`;
  const select = `SELECT ${columns.map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(table)} ORDER BY ${order.join(', ')}`;

  let rows = 0;
  const content = createHash('sha256');
  const encode = new Transform({
    writableObjectMode: true,
    transform(row: unknown[], _enc, done) {
      try {
        const line = `${JSON.stringify(row.map(encodeValue))}\n`;
        content.update(line);
        rows++;
        done(null, line);
      } catch (err) {
        done(err as Error);
      }
    },
  });
  const stored = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      stored.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  // The driver's stream pauses the socket when gzip or the disk fall behind: memory stays bounded.
  const source: Readable = conn.queryStream({ sql: select, rowsAsArray: true });
  await pipeline(source, encode, createGzip(), count, createWriteStream(path.join(dir, file)));
  const size = (await stat(path.join(dir, file))).size;
  if (size !== bytes) throw new Error(`${file}: wrote ${bytes} bytes but the file has ${size}`);
  return {
    name: table,
    columns,
    file,
    rows,
    sha256: stored.digest('hex'),
    bytes,
    contentSha256: content.digest('hex'),
  };
}

/** The applied migrations as the snapshot saw them (from _prisma_migrations, same transaction). */
async function appliedMigrations(conn: Connection, tables: TableEntry[]): Promise<string[]> {
  if (!tables.some((t) => t.name === '_prisma_migrations')) return [];
  const rows: { name: string }[] = await conn.query(
    'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
  );
  return rows.map((r) => r.name);
}

/**
 * MariaDB reports the binary log position matching a consistent snapshot; MySQL has no such
 * variable (an empty result), and a server without a binary log reports an empty file name.
 */
async function snapshotBinlogPosition(
  conn: Connection,
): Promise<{ file: string; position: number } | null> {
  const rows: { Variable_name: string; Value: string }[] = await conn.query(
    "SHOW SESSION STATUS LIKE 'Binlog_snapshot_%'",
  );
  const value = (name: string) => rows.find((r) => r.Variable_name === name)?.Value;
  const file = value('Binlog_snapshot_file');
  const position = Number(value('Binlog_snapshot_position'));
  return file && Number.isSafeInteger(position) ? { file, position } : null;
}

/** The version written into manifests: the repository's package.json version. */
export async function toolVersion(repoRoot: string): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}
