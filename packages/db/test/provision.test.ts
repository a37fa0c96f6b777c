import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mariadb from 'mariadb';
import { createTestDatabase, getInfra } from '@kavosh/testing';
import type { TestDatabase } from '@kavosh/testing';
import { migrate, provision } from '../src/index.js';
import { connectionConfig } from '../src/connection.js';
import { FIXTURES, query } from './helpers.js';

async function asUser(adminUrl: string, user: string, password: string, database: string) {
  const config = connectionConfig(adminUrl);
  return mariadb.createConnection({ ...config, user, password, database });
}

/** A URL for user on adminUrl's server (its query options kept). */
function urlFor(adminUrl: string, user: string, password: string, database: string): string {
  const url = new URL(adminUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

describe('provision', () => {
  let adminUrl: string;
  let own: TestDatabase;
  let other: TestDatabase;
  let user: string;
  let migratorUser: string;
  const entry = (password = 'first-secret', migratorPassword = 'migrator-secret') => ({
    schema: own.name,
    user,
    password,
    migrator: { user: migratorUser, password: migratorPassword },
  });

  beforeEach(async () => {
    adminUrl = (await getInfra()).mysqlAdminUrl;
    // Borrow harness names (dropped by the harness if a run dies) and let provision create them.
    own = await createTestDatabase({ label: 'prov_own' });
    other = await createTestDatabase({ label: 'prov_other' });
    await own.drop();
    const suffix = randomBytes(4).toString('hex');
    user = `t_user_${suffix}`;
    migratorUser = `t_migr_${suffix}`;
  });
  afterEach(async () => {
    await query(adminUrl, `DROP USER IF EXISTS '${user}'@'%'`);
    await query(adminUrl, `DROP USER IF EXISTS '${migratorUser}'@'%'`);
    await Promise.all([own.drop(), other.drop()]);
  });

  it('creates the schema, a migrator with DDL on it and a runtime user with data rights only', async () => {
    await provision({ adminUrl, databases: [entry()] });

    const [schema] = await query<{ cs: string; co: string }[]>(
      adminUrl,
      'SELECT default_character_set_name AS cs, default_collation_name AS co FROM information_schema.schemata WHERE schema_name = ?',
      [own.name],
    );
    expect(schema).toEqual({ cs: 'utf8mb4', co: 'utf8mb4_unicode_ci' });

    const migrator = await asUser(adminUrl, migratorUser, 'migrator-secret', own.name);
    try {
      await migrator.query('CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))');
      await migrator.query('CREATE TABLE scratch (id INT)');
      await migrator.query('DROP TABLE scratch');
    } finally {
      await migrator.end();
    }

    const runtime = await asUser(adminUrl, user, 'first-secret', own.name);
    try {
      await runtime.query("INSERT INTO notes VALUES (1, 'hello'), (2, 'bye')");
      await runtime.query("UPDATE notes SET body = 'hi' WHERE id = 1");
      await runtime.query('DELETE FROM notes WHERE id = 2');
      expect(await runtime.query('SELECT body FROM notes')).toEqual([{ body: 'hi' }]);
      for (const ddl of [
        'CREATE TABLE intruder (id INT)',
        'DROP TABLE notes',
        'ALTER TABLE notes ADD COLUMN extra INT',
        'TRUNCATE TABLE notes',
        'CREATE INDEX notes_body ON notes (body)',
      ]) {
        await expect(runtime.query(ddl), ddl).rejects.toMatchObject({
          code: expect.stringMatching(/ACCESS_DENIED/),
        });
      }
      await expect(
        runtime.query(`CREATE TABLE \`${other.name}\`.intruder (id INT)`),
      ).rejects.toMatchObject({ code: expect.stringMatching(/ACCESS_DENIED/) });
    } finally {
      await runtime.end();
    }
    for (const [name, password] of [
      [user, 'first-secret'],
      [migratorUser, 'migrator-secret'],
    ] as const) {
      await expect(asUser(adminUrl, name, password, other.name)).rejects.toMatchObject({
        code: 'ER_DBACCESS_DENIED_ERROR',
      });
    }
  });

  it('migrates as the migrator; the runtime user then works on the tables but cannot migrate', async () => {
    await provision({ adminUrl, databases: [entry()] });
    const migrationsDir = `${FIXTURES}migrations`;
    await expect(
      migrate({ databaseUrl: urlFor(adminUrl, user, 'first-secret', own.name), migrationsDir }),
    ).rejects.toThrow(/denied/i);
    const { applied } = await migrate({
      databaseUrl: urlFor(adminUrl, migratorUser, 'migrator-secret', own.name),
      migrationsDir,
    });
    expect(applied.length).toBeGreaterThan(0);
    const runtime = await asUser(adminUrl, user, 'first-secret', own.name);
    try {
      await runtime.query("INSERT INTO movies (id, title) VALUES ('m1', 'Heat')");
      expect(await runtime.query('SELECT title FROM movies')).toEqual([{ title: 'Heat' }]);
    } finally {
      await runtime.end();
    }
  });

  it('takes DDL away from a runtime user an earlier provisioning gave all privileges', async () => {
    await query(adminUrl, `CREATE DATABASE \`${own.name}\``);
    await query(adminUrl, `CREATE USER '${user}'@'%' IDENTIFIED BY 'first-secret'`);
    await query(adminUrl, `GRANT ALL PRIVILEGES ON \`${own.name}\`.* TO '${user}'@'%'`);
    await provision({ adminUrl, databases: [entry()] });
    const runtime = await asUser(adminUrl, user, 'first-secret', own.name);
    try {
      await expect(runtime.query('CREATE TABLE intruder (id INT)')).rejects.toMatchObject({
        code: expect.stringMatching(/ACCESS_DENIED/),
      });
    } finally {
      await runtime.end();
    }
  });

  it('is idempotent and keeps both passwords in sync with the latest call', async () => {
    await provision({ adminUrl, databases: [entry()] });
    await provision({ adminUrl, databases: [entry()] });
    await provision({ adminUrl, databases: [entry('second-secret', 'migrator-second')] });

    await expect(asUser(adminUrl, user, 'first-secret', own.name)).rejects.toMatchObject({
      code: 'ER_ACCESS_DENIED_ERROR',
    });
    await expect(asUser(adminUrl, migratorUser, 'migrator-secret', own.name)).rejects.toMatchObject(
      { code: 'ER_ACCESS_DENIED_ERROR' },
    );
    await (await asUser(adminUrl, user, 'second-secret', own.name)).end();
    await (await asUser(adminUrl, migratorUser, 'migrator-second', own.name)).end();
  });

  it('refuses names that are not plain lower-case identifiers before touching the server', async () => {
    const migrator = { user: 'ok_migrator', password: 'p' };
    const bad = [
      { schema: 'ok_schema', user: "x'@'%' IDENTIFIED BY 'p'; --", password: 'p', migrator },
      { schema: 'Upper', user: 'ok_user', password: 'p', migrator },
      { schema: '1abc', user: 'ok_user', password: 'p', migrator },
      { schema: `a${'b'.repeat(64)}`, user: 'ok_user', password: 'p', migrator },
      {
        schema: 'ok_schema',
        user: 'ok_user',
        password: 'p',
        migrator: { user: 'Bad', password: 'p' },
      },
    ];
    for (const databases of bad.map((one) => [one])) {
      await expect(provision({ adminUrl, databases })).rejects.toThrow(
        /invalid (schema|user) name/,
      );
    }
    await expect(
      provision({
        adminUrl,
        databases: [
          {
            schema: 'ok_schema',
            user: 'ok_user',
            password: 'p',
            migrator: { user: 'ok_user', password: 'p' },
          },
        ],
      }),
    ).rejects.toThrow(/both the runtime user and the migrator/);
  });
});
