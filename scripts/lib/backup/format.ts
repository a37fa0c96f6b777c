import { createHash } from 'node:crypto';

/** Bumped when the layout of a backup folder changes; restore refuses formats it does not know. */
export const BACKUP_FORMAT = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SCHEMA_FILE = 'schema.sql';
/** schema.sql holds one CREATE TABLE per table, each after a line with this prefix and its name. */
export const DDL_MARKER = '-- kavosh-backup table ';

export interface TableEntry {
  name: string;
  /** The columns in the file, in order (generated columns are left out: the server computes them). */
  columns: string[];
  file: string;
  rows: number;
  /** SHA-256 of the file as stored (gzip bytes). */
  sha256: string;
  bytes: number;
  /** SHA-256 of the uncompressed NDJSON: equal for equal table contents, whatever gzip does. */
  contentSha256: string;
}

export interface BackupManifest {
  format: number;
  tool: { name: string; version: string };
  service: string;
  schema: string;
  /** When the snapshot transaction started (ISO 8601, UTC). */
  startedAt: string;
  finishedAt: string;
  server: string;
  /** Last applied migration (folder name), or null for a schema without migrations. */
  migrationLevel: string | null;
  /** Every applied migration, in order. */
  migrations: string[];
  /**
   * The binary log position of the snapshot (MariaDB's Binlog_snapshot_file/position), where a
   * point-in-time replay starts; null when the server has no binary log or does not report it (MySQL).
   */
  binlog: { file: string; position: number } | null;
  schemaFile: { file: string; sha256: string };
  tables: TableEntry[];
}

/** One line of a table file: a JSON array of the row's values in `columns` order. */
export type EncodedValue = null | string | number | boolean | { $b64: string } | { $int: string };

export function encodeValue(value: unknown): EncodedValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (typeof value === 'bigint') return { $int: value.toString() };
  if (Buffer.isBuffer(value)) return { $b64: value.toString('base64') };
  // dateStrings/decimal strings/jsonStrings leave nothing else; refuse rather than guess.
  throw new Error(`cannot encode a ${Object.prototype.toString.call(value)} column value`);
}

export function decodeValue(value: unknown): string | number | boolean | Buffer | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'object' && value !== null) {
    if ('$b64' in value && typeof value.$b64 === 'string') return Buffer.from(value.$b64, 'base64');
    if ('$int' in value && typeof value.$int === 'string' && /^-?\d+$/.test(value.$int))
      return value.$int;
  }
  throw new Error(`unexpected value ${JSON.stringify(value)} in a table file`);
}

const IDENTIFIER = /^[A-Za-z0-9_$]{1,64}$/;

/** Backquotes a table, column or schema name after checking it is a plain identifier. */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`refusing the identifier ${JSON.stringify(name)}`);
  return `\`${name}\``;
}

export function isIdentifier(name: unknown): name is string {
  return typeof name === 'string' && IDENTIFIER.test(name);
}

export const sha256 = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');

/**
 * Session settings for both ends: UTC so TIMESTAMP values read and write unshifted, and dates,
 * decimals, big integers and JSON as exact strings rather than lossy JS values.
 */
export const SESSION_TIME_ZONE = "SET time_zone = '+00:00'";
export const EXACT_VALUES = {
  dateStrings: true,
  decimalAsNumber: false,
  bigIntAsNumber: false,
  autoJsonMap: false,
} as const;
