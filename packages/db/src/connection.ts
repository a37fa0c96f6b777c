import type { ConnectionConfig } from 'mariadb';

/**
 * Settings for the raw mariadb connector from a mysql:// or mariadb:// URL; understands the
 * query flags allowPublicKeyRetrieval=true and ssl=true.
 */
export function connectionConfig(databaseUrl: string): ConnectionConfig & { database?: string } {
  const url = new URL(databaseUrl);
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new Error(`expected a mysql:// or mariadb:// URL, got ${url.protocol}//…`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  // MySQL 8.4's caching_sha2_password needs TLS or the server's RSA key on a first login.
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
