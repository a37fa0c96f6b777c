import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { connectionConfig } from './connection.js';

/**
 * The Prisma driver adapter for a mysql:// or mariadb:// URL, with short connect and acquire
 * timeouts (5 s each) so that a database outage becomes fast errors; the pool reconnects by
 * itself when the database is back.
 */
export function mariadbAdapter(
  databaseUrl: string,
  opts: { connectionLimit?: number; connectTimeoutMs?: number; acquireTimeoutMs?: number } = {},
): PrismaMariaDb {
  const url = new URL(databaseUrl);
  const limit = Number(
    url.searchParams.get('connection_limit') ?? url.searchParams.get('connectionLimit'),
  );
  return new PrismaMariaDb({
    ...connectionConfig(databaseUrl),
    connectionLimit: opts.connectionLimit ?? (Number.isInteger(limit) && limit > 0 ? limit : 10),
    connectTimeout: opts.connectTimeoutMs ?? 5_000,
    acquireTimeout: opts.acquireTimeoutMs ?? 5_000,
  });
}
