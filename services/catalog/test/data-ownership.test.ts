import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from 'mariadb';
import { provision } from '@kavosh/db';
import { createTestDatabase, getInfra, uniquePrefix, type TestDatabase } from '@kavosh/testing';

// The same provisioning the real system gets (one schema, a runtime user and a migrator per
// service), on throw-away schemas: catalog's users must not reach auth's tables.
describe('data ownership between service schemas', () => {
  let auth: TestDatabase;
  let catalog: TestDatabase;
  const catalogUser = uniquePrefix('cat').replace(/-/g, '_').slice(0, 30);
  const password = randomBytes(16).toString('hex');
  const migrator = { user: `${catalogUser}_m`, password: randomBytes(16).toString('hex') };

  beforeAll(async () => {
    auth = await createTestDatabase({ label: 'own-auth' });
    catalog = await createTestDatabase({ label: 'own-catalog' });
    const { mysqlAdminUrl } = await getInfra();
    await provision({
      adminUrl: mysqlAdminUrl,
      databases: [{ schema: catalog.name, user: catalogUser, password, migrator }],
    });
    const admin = await createConnection(auth.url.replace(/^mysql:/, 'mariadb:'));
    try {
      await admin.query('CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100))');
      await admin.query("INSERT INTO users VALUES (1, 'someone@example.com')");
    } finally {
      await admin.end();
    }
  });
  afterAll(async () => {
    const admin = await createConnection(auth.url.replace(/^mysql:/, 'mariadb:'));
    try {
      for (const user of [catalogUser, migrator.user])
        await admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
    } finally {
      await admin.end();
    }
    await auth?.drop();
    await catalog?.drop();
  });

  const connectAsCatalog = async (as = { user: catalogUser, password }) => {
    const url = new URL(catalog.url);
    return createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: as.user,
      password: as.password,
      database: catalog.name,
    });
  };

  it("lets catalog's migrator shape its own schema and its user work in it", async () => {
    const ddl = await connectAsCatalog(migrator);
    await ddl.query('CREATE TABLE movies (id INT PRIMARY KEY)').finally(() => ddl.end());
    const conn = await connectAsCatalog();
    try {
      await conn.query('INSERT INTO movies VALUES (1)');
      expect(await conn.query('SELECT COUNT(*) AS n FROM movies')).toEqual([{ n: 1n }]);
    } finally {
      await conn.end();
    }
  });

  it("denies catalog's user any read of auth's schema", async () => {
    const conn = await connectAsCatalog();
    try {
      await expect(conn.query(`SELECT email FROM \`${auth.name}\`.users`)).rejects.toMatchObject({
        code: expect.stringMatching(/^ER_(TABLEACCESS|DBACCESS)_DENIED_ERROR$/),
      });
      await expect(conn.query(`USE \`${auth.name}\``)).rejects.toMatchObject({
        code: 'ER_DBACCESS_DENIED_ERROR',
      });
    } finally {
      await conn.end();
    }
  });
});
