import { describe, expect, it } from 'vitest';
import mariadb from 'mariadb';
import { getInfra, startTestService } from '../src/index.js';
import { connectionConfig } from '../src/mysql.js';

async function schemaExists(name: string): Promise<boolean> {
  const conn = await mariadb.createConnection(connectionConfig((await getInfra()).mysqlAdminUrl));
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

describe('startTestService', () => {
  it('prepares a fresh database, builds the app on it and drops the database on close', async () => {
    const events: string[] = [];
    const svc = await startTestService({
      label: 'svc',
      prepareDatabase: async (url) => {
        events.push('prepare');
        const conn = await mariadb.createConnection(connectionConfig(url));
        await conn.query('CREATE TABLE things (id INT PRIMARY KEY)');
        await conn.end();
      },
      build: async ({ databaseUrl }) => {
        events.push('build');
        const pool = mariadb.createPool({ ...connectionConfig(databaseUrl), connectionLimit: 1 });
        return {
          pool,
          close: async () => {
            events.push('close');
            await pool.end();
          },
        };
      },
    });
    const name = new URL(svc.databaseUrl).pathname.slice(1);
    expect(svc.prefix).toMatch(/^svc-[0-9a-f]{6}$/);
    expect(await svc.app.pool.query('SELECT COUNT(*) AS n FROM things')).toEqual([{ n: 0n }]);

    await svc.close();
    expect(events).toEqual(['prepare', 'build', 'close']);
    expect(await schemaExists(name)).toBe(false);
  });

  it('drops the database when building the app fails', async () => {
    let url = '';
    const failure = startTestService({
      label: 'svc_fail',
      build: async ({ databaseUrl }) => {
        url = databaseUrl;
        throw new Error('cannot build');
      },
    });
    await expect(failure).rejects.toThrow('cannot build');
    expect(await schemaExists(new URL(url).pathname.slice(1))).toBe(false);
  });
});
