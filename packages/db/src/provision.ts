import mariadb from 'mariadb';
import type { BaseLogger } from 'pino';
import { connectionConfig } from './connection.js';

const IDENTIFIER = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Creates each schema (utf8mb4) and its user, keeps the user's password in sync and grants it all
 * privileges on its own schema only. Idempotent. Throws on a schema or user name outside
 * /^[a-z][a-z0-9_]{0,63}$/ before running anything.
 */
export async function provision(opts: {
  adminUrl: string;
  databases: { schema: string; user: string; password: string }[];
  logger?: Pick<BaseLogger, 'info'>;
}): Promise<void> {
  for (const { schema, user } of opts.databases) {
    for (const [what, value] of [
      ['schema', schema],
      ['user', user],
    ] as const) {
      if (!IDENTIFIER.test(value))
        throw new Error(`provision(): invalid ${what} name ${JSON.stringify(value)}`);
    }
  }
  const conn = await mariadb.createConnection({
    ...connectionConfig(opts.adminUrl),
    connectTimeout: 10_000,
  });
  try {
    for (const { schema, user, password } of opts.databases) {
      // Names are checked against IDENTIFIER above; the password travels as an escaped value.
      await conn.query(
        `CREATE DATABASE IF NOT EXISTS \`${schema}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      await conn.query(`CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY ?`, [password]);
      await conn.query(`ALTER USER '${user}'@'%' IDENTIFIED BY ?`, [password]);
      await conn.query(`GRANT ALL PRIVILEGES ON \`${schema}\`.* TO '${user}'@'%'`);
      opts.logger?.info({ schema, user }, 'database provisioned');
    }
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}
