import mariadb from 'mariadb';
import type { Connection, ConnectionConfig } from 'mariadb';

/** Connection settings for the raw mariadb connector from a mysql:// or mariadb:// URL. */
export function connectionConfig(url: string, overrides: ConnectionConfig = {}): ConnectionConfig {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password),
    ...(database ? { database } : {}),
    connectTimeout: 5_000,
    ...overrides,
  };
}

/** Runs fn on a fresh connection to url and always closes it. */
export async function withConnection<T>(
  url: string,
  fn: (conn: Connection) => Promise<T>,
  overrides: ConnectionConfig = {},
): Promise<T> {
  const conn = await mariadb.createConnection(connectionConfig(url, overrides));
  try {
    return await fn(conn);
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Quotes an identifier that has already been validated. */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z0-9_$]{1,64}$/.test(name))
    throw new Error(`unsafe SQL identifier: ${JSON.stringify(name)}`);
  return `\`${name}\``;
}
