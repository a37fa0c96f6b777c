import type { ConnectionConfig } from 'mariadb';

/** Settings for the raw mariadb connector from a mysql:// or mariadb:// URL. */
export function connectionConfig(databaseUrl: string): ConnectionConfig & { database?: string } {
  const url = new URL(databaseUrl);
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new Error(`expected a mysql:// or mariadb:// URL, got ${url.protocol}//…`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ...(database ? { database } : {}),
  };
}
