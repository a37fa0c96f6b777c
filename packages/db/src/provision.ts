import mariadb from 'mariadb';
import type { BaseLogger } from 'pino';
import { connectionConfig } from './connection.js';

const IDENTIFIER = /^[a-z][a-z0-9_]{0,63}$/;

/** The privileges of a service's runtime user on its own schema: data only, no DDL. */
export const RUNTIME_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE';

/** MySQL's "There is no such grant defined": a REVOKE of rights the user never had. */
const ER_NONEXISTING_GRANT = 1141;

export interface ProvisionedDatabase {
  schema: string;
  /** The service's runtime user (DATABASE_URL): SELECT, INSERT, UPDATE, DELETE on its schema. */
  user: string;
  password: string;
  /** The schema owner that applies migrations (DDL): all privileges on its schema only. */
  migrator: { user: string; password: string };
}

/**
 * Creates each schema (utf8mb4) and its two users, keeps their passwords in sync, grants the
 * migrator all privileges on its own schema and the runtime user data rights only (any broader
 * grant from an earlier provisioning is revoked first). Idempotent. Throws on a schema or user
 * name outside /^[a-z][a-z0-9_]{0,63}$/, or a runtime user that is its own migrator, before
 * running anything.
 */
export async function provision(opts: {
  adminUrl: string;
  databases: ProvisionedDatabase[];
  logger?: Pick<BaseLogger, 'info'>;
}): Promise<void> {
  for (const { schema, user, migrator } of opts.databases) {
    for (const [what, value] of [
      ['schema', schema],
      ['user', user],
      ['user', migrator.user],
    ] as const) {
      if (!IDENTIFIER.test(value))
        throw new Error(`provision(): invalid ${what} name ${JSON.stringify(value)}`);
    }
    if (user === migrator.user)
      throw new Error(`provision(): ${user} cannot be both the runtime user and the migrator`);
  }
  const conn = await mariadb.createConnection({
    ...connectionConfig(opts.adminUrl),
    connectTimeout: 10_000,
  });
  try {
    for (const { schema, user, password, migrator } of opts.databases) {
      // Names are checked against IDENTIFIER above; passwords travel as escaped values.
      await conn.query(
        `CREATE DATABASE IF NOT EXISTS \`${schema}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      for (const account of [migrator, { user, password }]) {
        await conn.query(`CREATE USER IF NOT EXISTS '${account.user}'@'%' IDENTIFIED BY ?`, [
          account.password,
        ]);
        await conn.query(`ALTER USER '${account.user}'@'%' IDENTIFIED BY ?`, [account.password]);
      }
      await conn.query(`GRANT ALL PRIVILEGES ON \`${schema}\`.* TO '${migrator.user}'@'%'`);
      try {
        await conn.query(`REVOKE ALL PRIVILEGES ON \`${schema}\`.* FROM '${user}'@'%'`);
      } catch (err) {
        if ((err as { errno?: unknown }).errno !== ER_NONEXISTING_GRANT) throw err;
      }
      await conn.query(`GRANT ${RUNTIME_PRIVILEGES} ON \`${schema}\`.* TO '${user}'@'%'`);
      opts.logger?.info({ schema, user, migrator: migrator.user }, 'database provisioned');
    }
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}
