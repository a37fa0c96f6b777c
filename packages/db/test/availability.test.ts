import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mariadb from 'mariadb';
import { TcpProxy, createTestDatabase, eventually } from '@kavosh/testing';
import type { TestDatabase } from '@kavosh/testing';
import { isDatabaseUnavailable, mariadbAdapter, pingDatabase } from '../src/index.js';
import { connectionConfig } from '../src/connection.js';

type Adapter = Awaited<ReturnType<ReturnType<typeof mariadbAdapter>['connect']>>;

const failureOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected the query to fail');
    },
    (err: unknown) => err,
  );

describe('isDatabaseUnavailable on real errors', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let adapter: Adapter;
  const select1 = (sql = 'SELECT 1') => adapter.queryRaw({ sql, args: [], argTypes: [] });
  // What PrismaClient offers; pingDatabase only needs this one method.
  const queryable = { $queryRawUnsafe: (sql: string) => select1(sql) };

  beforeEach(async () => {
    db = await createTestDatabase({ label: 'availability' });
    proxy = await TcpProxy.start({ target: db.url });
    adapter = await mariadbAdapter(proxy.rewrite(db.url), {
      connectTimeoutMs: 1_000,
      acquireTimeoutMs: 1_000,
    }).connect();
    await pingDatabase(queryable);
  });
  afterEach(async () => {
    await adapter.dispose();
    await proxy.close();
    await db.drop();
  });

  it('is true for a query on a connection the proxy cuts', async () => {
    proxy.cut();
    expect(isDatabaseUnavailable(await failureOf(select1()))).toBe(true);
  });

  it('is true for the pool timeout while the database stays unreachable', async () => {
    proxy.cut();
    // Idle pooled connections fail first with socket errors; then the pool itself times out.
    const err = await eventually(
      async () => {
        const failure = await failureOf(select1());
        expect(failure).toMatchObject({ name: 'DriverAdapterError', cause: { code: 45028 } });
        return failure;
      },
      { within: 15_000 },
    );
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('is true through a wrapper that keeps the driver error as its cause', async () => {
    proxy.cut();
    const wrapped = new Error('Invalid `prisma.movie.findMany()` invocation', {
      cause: await failureOf(select1()),
    });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it('is true for a refused connection and for a connect timeout of the raw connector', async () => {
    const config = { ...connectionConfig(proxy.rewrite(db.url)), connectTimeout: 500 };
    proxy.cut();
    expect(isDatabaseUnavailable(await failureOf(mariadb.createConnection(config)))).toBe(true);
    proxy.restore();
    proxy.blackhole();
    expect(isDatabaseUnavailable(await failureOf(mariadb.createConnection(config)))).toBe(true);
  });

  it('makes pingDatabase fail while cut, and the pool recovers by itself after restore', async () => {
    proxy.cut();
    expect(isDatabaseUnavailable(await failureOf(pingDatabase(queryable)))).toBe(true);

    proxy.restore();
    await eventually(() => pingDatabase(queryable), {
      within: 10_000,
      message: 'pool did not recover',
    });
  });

  it('is false for a syntax error and for errors that are not about the database', async () => {
    const syntax = await failureOf(select1('SELEC 1'));
    expect(syntax).toMatchObject({ name: 'DriverAdapterError' });
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(isDatabaseUnavailable(await failureOf(select1('SELECT * FROM no_such_table')))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });

  it('is true for the Prisma codes of an unreachable database or an exhausted pool', () => {
    for (const code of ['P1001', 'P1002', 'P1017', 'P2024']) {
      expect(isDatabaseUnavailable(Object.assign(new Error('prisma'), { code }))).toBe(true);
    }
    expect(isDatabaseUnavailable(Object.assign(new Error('unique'), { code: 'P2002' }))).toBe(
      false,
    );
  });
});

describe('mariadbAdapter', () => {
  it('accepts mysql:// and mariadb:// URLs', async () => {
    const db = await createTestDatabase({ label: 'adapter' });
    try {
      for (const url of [db.url, db.url.replace(/^mysql:/, 'mariadb:')]) {
        const adapter = await mariadbAdapter(url, { connectionLimit: 2 }).connect();
        try {
          const result = await adapter.queryRaw({
            sql: 'SELECT DATABASE() AS db',
            args: [],
            argTypes: [],
          });
          expect(result.rows).toEqual([[db.name]]);
        } finally {
          await adapter.dispose();
        }
      }
    } finally {
      await db.drop();
    }
  });
});
