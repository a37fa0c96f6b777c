import { randomBytes } from 'node:crypto';
import { getInfra } from './infra.js';
import { quoteIdentifier, withConnection, withDatabase } from './mysql.js';

/** A throw-away database on the test server. */
export interface TestDatabase {
  name: string;
  /** mysql://root@host:port/<name> */
  url: string;
  drop(): Promise<void>;
}

const NAME_PATTERN = /^t_(\d{12})_[a-z0-9_]*_[0-9a-f]{6}$/;
const STALE_AFTER_MS = 2 * 60 * 60 * 1000;
// t_ + 12 digits + _ + label + _ + 6 hex must fit MySQL's 64-character identifier limit.
const MAX_LABEL_LENGTH = 64 - 22;

/** Creates an empty utf8mb4 database named t_<yyyymmddhhmm>_<label>_<6 hex> on the test server. */
export async function createTestDatabase(opts: { label?: string } = {}): Promise<TestDatabase> {
  const { mysqlAdminUrl } = await getInfra();
  const name = testDatabaseName(opts.label ?? 'test', new Date());
  await withConnection(mysqlAdminUrl, (c) =>
    c.query(
      `CREATE DATABASE ${quoteIdentifier(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    ),
  );
  return {
    name,
    url: withDatabase(mysqlAdminUrl, name),
    drop: async () => {
      await withConnection(mysqlAdminUrl, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`),
      );
    },
  };
}

export function testDatabaseName(label: string, now: Date): string {
  const cleaned = label
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_LABEL_LENGTH);
  return `t_${timestamp(now)}_${cleaned || 'test'}_${randomBytes(3).toString('hex')}`;
}

/** Drops test databases whose name says they were created more than two hours before now. */
export async function dropStaleTestDatabases(
  mysqlAdminUrl: string,
  now = new Date(),
): Promise<string[]> {
  return withConnection(mysqlAdminUrl, async (c) => {
    const rows: { name: string }[] = await c.query(
      "SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE 't\\_%'",
    );
    const stale = rows
      .map((r) => r.name)
      .filter((name) => {
        const created = NAME_PATTERN.exec(name)?.[1];
        return (
          created !== undefined &&
          now.getTime() - parseTimestamp(created).getTime() > STALE_AFTER_MS
        );
      });
    for (const name of stale) await c.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
    return stale;
  });
}

function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}

function parseTimestamp(s: string): Date {
  const n = (from: number, to: number) => Number(s.slice(from, to));
  return new Date(Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12)));
}
