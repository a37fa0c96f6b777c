import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mariadb from 'mariadb';
import { TcpProxy, createTestDatabase, eventually } from '@kavosh/testing';
import type { TestDatabase } from '@kavosh/testing';
import {
  isDatabaseUnavailable,
  isTransactionConflict,
  mariadbAdapter,
  pingDatabase,
  retryOnConflict,
} from '../src/index.js';
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

describe('isTransactionConflict and retryOnConflict on a real deadlock', () => {
  let db: TestDatabase;
  let a: mariadb.Connection;
  let b: mariadb.Connection;

  beforeEach(async () => {
    db = await createTestDatabase({ label: 'deadlock' });
    [a, b] = await Promise.all([
      mariadb.createConnection(connectionConfig(db.url)),
      mariadb.createConnection(connectionConfig(db.url)),
    ]);
    await a.query('CREATE TABLE t (id INT PRIMARY KEY, n INT NOT NULL)');
    await a.query('INSERT INTO t VALUES (1, 0), (2, 0)');
  });
  afterEach(async () => {
    await Promise.all([a.end(), b.end()]);
    await db.drop();
  });

  /** a locks row 1 then 2, b locks 2 then 1: the server kills one of them with 1213. */
  const deadlock = async (): Promise<unknown> => {
    await a.beginTransaction();
    await b.beginTransaction();
    await a.query('UPDATE t SET n = n + 1 WHERE id = 1');
    await b.query('UPDATE t SET n = n + 1 WHERE id = 2');
    const results = await Promise.allSettled([
      a.query('UPDATE t SET n = n + 1 WHERE id = 2'),
      b.query('UPDATE t SET n = n + 1 WHERE id = 1'),
    ]);
    await Promise.all([a.rollback(), b.rollback()]);
    const failed = results.find((r) => r.status === 'rejected');
    if (!failed || failed.status !== 'rejected') throw new Error('expected a deadlock');
    return failed.reason;
  };

  it('is true for the deadlock the server reports, false for other errors', async () => {
    const err = await deadlock();
    expect(err).toMatchObject({ errno: 1213 });
    expect(isTransactionConflict(err)).toBe(true);
    expect(isTransactionConflict(new Error('wrapped', { cause: err }))).toBe(true);
    expect(isTransactionConflict(Object.assign(new Error('prisma'), { code: 'P2034' }))).toBe(true);
    // Prisma rolled the interactive transaction back at its timeout, or never started it.
    expect(
      isTransactionConflict(
        Object.assign(
          new Error(
            'Transaction API error: Transaction already closed: A query cannot be executed on an expired transaction.',
          ),
          { code: 'P2028' },
        ),
      ),
    ).toBe(true);
    expect(
      isTransactionConflict(
        new Error('Transaction API error: Unable to start a transaction in the given time.'),
      ),
    ).toBe(true);
    expect(isTransactionConflict(Object.assign(new Error('unique'), { code: 'P2002' }))).toBe(
      false,
    );
    expect(isTransactionConflict(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it('runs the whole work again after a deadlock, and gives up on other errors at once', async () => {
    let runs = 0;
    const result = await retryOnConflict(async () => {
      runs += 1;
      if (runs === 1) throw await deadlock();
      return 'done';
    });
    expect([result, runs]).toEqual(['done', 2]);
    let failing = 0;
    await expect(
      retryOnConflict(async () => {
        failing += 1;
        throw new Error('not a conflict');
      }),
    ).rejects.toThrow('not a conflict');
    expect(failing).toBe(1);
    let always = 0;
    const lastErr = await retryOnConflict(async () => {
      always += 1;
      throw await deadlock();
    }, 3).catch((err: unknown) => err);
    expect(isTransactionConflict(lastErr)).toBe(true);
    expect(always).toBe(3);
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
