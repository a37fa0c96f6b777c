import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mariadb from 'mariadb';
import { createTestDatabase, getInfra } from '@kavosh/testing';
import type { TestDatabase } from '@kavosh/testing';
import { provision } from '../src/index.js';
import { connectionConfig } from '../src/connection.js';
import { query } from './helpers.js';

async function asUser(adminUrl: string, user: string, password: string, database: string) {
  const config = connectionConfig(adminUrl);
  return mariadb.createConnection({ ...config, user, password, database });
}

describe('provision', () => {
  let adminUrl: string;
  let own: TestDatabase;
  let other: TestDatabase;
  let user: string;

  beforeEach(async () => {
    adminUrl = (await getInfra()).mysqlAdminUrl;
    // Borrow harness names (dropped by the harness if a run dies) and let provision create them.
    own = await createTestDatabase({ label: 'prov_own' });
    other = await createTestDatabase({ label: 'prov_other' });
    await own.drop();
    user = `t_user_${randomBytes(4).toString('hex')}`;
  });
  afterEach(async () => {
    await query(adminUrl, `DROP USER IF EXISTS '${user}'@'%'`);
    await Promise.all([own.drop(), other.drop()]);
  });

  it('creates the schema and a user who can read and write it but not another schema', async () => {
    await provision({
      adminUrl,
      databases: [{ schema: own.name, user, password: 'first-secret' }],
    });

    const [schema] = await query<{ cs: string; co: string }[]>(
      adminUrl,
      'SELECT default_character_set_name AS cs, default_collation_name AS co FROM information_schema.schemata WHERE schema_name = ?',
      [own.name],
    );
    expect(schema).toEqual({ cs: 'utf8mb4', co: 'utf8mb4_unicode_ci' });

    const conn = await asUser(adminUrl, user, 'first-secret', own.name);
    try {
      await conn.query('CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))');
      await conn.query("INSERT INTO notes VALUES (1, 'hello')");
      expect(await conn.query('SELECT body FROM notes')).toEqual([{ body: 'hello' }]);
      await expect(
        conn.query(`CREATE TABLE \`${other.name}\`.intruder (id INT)`),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/ACCESS_DENIED/),
      });
    } finally {
      await conn.end();
    }
    await expect(asUser(adminUrl, user, 'first-secret', other.name)).rejects.toMatchObject({
      code: 'ER_DBACCESS_DENIED_ERROR',
    });
  });

  it('is idempotent and keeps the password in sync with the latest call', async () => {
    const entry = { schema: own.name, user, password: 'first-secret' };
    const databases = [entry];
    await provision({ adminUrl, databases });
    await provision({ adminUrl, databases });
    await provision({ adminUrl, databases: [{ ...entry, password: 'second-secret' }] });

    await expect(asUser(adminUrl, user, 'first-secret', own.name)).rejects.toMatchObject({
      code: 'ER_ACCESS_DENIED_ERROR',
    });
    const conn = await asUser(adminUrl, user, 'second-secret', own.name);
    await conn.end();
  });

  it('refuses names that are not plain lower-case identifiers before touching the server', async () => {
    const bad = [
      { schema: 'ok_schema', user: "x'@'%' IDENTIFIED BY 'p'; --", password: 'p' },
      { schema: 'Upper', user: 'ok_user', password: 'p' },
      { schema: '1abc', user: 'ok_user', password: 'p' },
      { schema: `a${'b'.repeat(64)}`, user: 'ok_user', password: 'p' },
    ];
    for (const entry of bad) {
      await expect(provision({ adminUrl, databases: [entry] })).rejects.toThrow(
        /invalid (schema|user) name/,
      );
    }
  });
});
