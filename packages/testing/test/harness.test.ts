import { describe, expect, it } from 'vitest';
import mariadb from 'mariadb';
import { createTestDatabase, eventually, getInfra, uniquePrefix } from '../src/index.js';
import { connectionConfig } from '../src/mysql.js';
import { dropStaleTestDatabases, testDatabaseName } from '../src/database.js';

async function schemaExists(name: string): Promise<boolean> {
  const { mysqlAdminUrl } = await getInfra();
  const conn = await mariadb.createConnection(connectionConfig(mysqlAdminUrl));
  try {
    const rows: unknown[] = await conn.query(
      'SELECT 1 FROM information_schema.schemata WHERE schema_name = ?',
      [name],
    );
    return rows.length === 1;
  } finally {
    await conn.end();
  }
}

describe('getInfra', () => {
  it('returns the services the global setup checked', async () => {
    const infra = await getInfra();
    expect(infra.source).toBe('local');
    expect(infra.mysqlAdminUrl).toMatch(/^mysql:\/\//);
    expect(infra.amqpUrl).toMatch(/^amqp:\/\//);
    expect(infra.redisUrl).toMatch(/^redis:\/\//);
  });
});

describe('createTestDatabase', () => {
  it('creates a database that drop() removes', async () => {
    const db = await createTestDatabase({ label: 'harness' });
    expect(await schemaExists(db.name)).toBe(true);
    expect(db.url).toMatch(new RegExp(`^mysql://root@[^/]+/${db.name}$`));

    await db.drop();
    expect(await schemaExists(db.name)).toBe(false);
  });

  it('gives two calls different names in the t_<yyyymmddhhmm>_<label>_<hex> form', async () => {
    const [a, b] = await Promise.all([
      createTestDatabase({ label: 'Same Label!' }),
      createTestDatabase({ label: 'Same Label!' }),
    ]);
    try {
      expect(a.name).not.toBe(b.name);
      expect(a.name).toMatch(/^t_\d{12}_same_label_[0-9a-f]{6}$/);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('keeps a long label within the 64-character identifier limit', async () => {
    const db = await createTestDatabase({ label: 'x'.repeat(200) });
    try {
      expect(db.name.length).toBeLessThanOrEqual(64);
      expect(await schemaExists(db.name)).toBe(true);
    } finally {
      await db.drop();
    }
  });
});

describe('uniquePrefix', () => {
  it('returns a different prefix on every call, starting with the label', () => {
    const prefixes = Array.from({ length: 1000 }, () => uniquePrefix('catalog'));
    expect(new Set(prefixes).size).toBe(1000);
    for (const p of prefixes) expect(p).toMatch(/^catalog-[0-9a-f]{6}$/);
  });

  it('turns a label into characters safe for queue and key names', () => {
    expect(uniquePrefix('My Service/2')).toMatch(/^my-service-2-[0-9a-f]{6}$/);
  });
});

describe('eventually', () => {
  it('retries until fn stops throwing and returns its value', async () => {
    let calls = 0;
    const value = await eventually(
      () => {
        calls += 1;
        if (calls < 3) throw new Error(`not yet (${calls})`);
        return 'done';
      },
      { interval: 1 },
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
  });

  it('rethrows the last error, prefixed with the message, at the deadline', async () => {
    let calls = 0;
    const failure = eventually(
      () => {
        calls += 1;
        throw new Error(`attempt ${calls} failed`);
      },
      { within: 200, interval: 10, message: 'waiting for the row' },
    );
    await expect(failure).rejects.toThrow(/^waiting for the row: attempt \d+ failed$/);
    expect(calls).toBeGreaterThan(1);
  });

  it('gives up at the deadline even when an attempt hangs', async () => {
    const failure = eventually(() => new Promise<never>(() => {}), {
      within: 100,
      message: 'hanging',
    });
    await expect(failure).rejects.toThrow(/^hanging: no attempt finished within 100 ms$/);
  });

  it('keeps the assertion error of the last attempt', async () => {
    const failure = eventually(() => expect(1).toBe(2), { within: 50, interval: 5 });
    await expect(failure).rejects.toThrow(/expected 1 to be 2/);
  });
});

describe('dropStaleTestDatabases', () => {
  it('drops test databases created more than two hours ago and keeps newer ones', async () => {
    const { mysqlAdminUrl } = await getInfra();
    const now = new Date();
    const old = testDatabaseName('stale', new Date(now.getTime() - 3 * 60 * 60 * 1000));
    const fresh = await createTestDatabase({ label: 'fresh' });
    const conn = await mariadb.createConnection(connectionConfig(mysqlAdminUrl));
    try {
      await conn.query(`CREATE DATABASE \`${old}\``);
    } finally {
      await conn.end();
    }
    try {
      const dropped = await dropStaleTestDatabases(mysqlAdminUrl, now);
      expect(dropped).toContain(old);
      expect(dropped).not.toContain(fresh.name);
      expect(await schemaExists(old)).toBe(false);
      expect(await schemaExists(fresh.name)).toBe(true);
    } finally {
      await fresh.drop();
    }
  });
});
