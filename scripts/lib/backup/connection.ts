import type { ConnectionConfig } from 'mariadb';

/**
 * Settings for the mariadb connector from a mysql:// or mariadb:// URL (as packages/db reads
 * them, which does not export its helper): host, port, credentials, schema, and the
 * allowPublicKeyRetrieval=true / ssl=true flags MySQL 8.4 logins may need.
 */
export function connectionConfig(databaseUrl: string): ConnectionConfig & { database?: string } {
  const url = new URL(databaseUrl);
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:')
    throw new Error(`expected a mysql:// or mariadb:// URL, got ${url.protocol}//…`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const flag = (name: string) => url.searchParams.get(name) === 'true';
  return {
    ...(flag('allowPublicKeyRetrieval') ? { allowPublicKeyRetrieval: true } : {}),
    ...(flag('ssl') ? { ssl: true } : {}),
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ...(database ? { database } : {}),
  };
}
