/**
 * Structural views of a Prisma client, so any generated client (or its interactive-transaction
 * client) can be passed in. Only raw SQL is used on the hot paths: it is several times cheaper
 * than model calls (MEASURED.md).
 */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

export type IsolationLevel =
  'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable';

export interface TransactionOptions {
  maxWait?: number;
  timeout?: number;
  isolationLevel?: IsolationLevel;
}

/** A client that can run an interactive transaction handing out a `Tx`. */
export interface TransactionRunner<Tx extends SqlExecutor = SqlExecutor> extends SqlExecutor {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: TransactionOptions): Promise<R>;
}

/** The parts of a `mariadb` connection the pool runner uses (structural: no dependency on it). */
export interface MariaDbConnectionLike {
  query(sql: string, values?: unknown[]): Promise<unknown>;
  beginTransaction(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  release(): Promise<void>;
  destroy(): void;
}

/** The parts of a `mariadb` pool (`createPool(…)`) the pool runner uses. */
export interface MariaDbPoolLike {
  getConnection(): Promise<MariaDbConnectionLike>;
  query(sql: string, values?: unknown[]): Promise<unknown>;
}

const ISOLATION_SQL: Record<IsolationLevel, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};

/** Raised when a pool transaction outlives its `timeout`; its connection is destroyed (rolled back). */
export class TransactionTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`transaction exceeded its ${timeoutMs} ms timeout and was rolled back`);
    this.name = 'TransactionTimeoutError';
  }
}

function affectedRows(result: unknown): number {
  const n: unknown =
    typeof result === 'object' && result !== null ? Reflect.get(result, 'affectedRows') : undefined;
  return typeof n === 'number' || typeof n === 'bigint' ? Number(n) : 0;
}

/**
 * Marks an executor whose statements may be sent without waiting for the previous answer: a raw
 * mariadb connection queues them and runs them in order. A Prisma transaction client does not
 * promise that, so it never carries the mark.
 */
export const PIPELINES = Symbol('kavosh.messaging.pipelines');

/** Whether `tx` runs concurrently issued statements in issue order on one connection. */
export function pipelines(tx: SqlExecutor): boolean {
  return PIPELINES in tx;
}

function executorOn(target: {
  query(sql: string, values?: unknown[]): Promise<unknown>;
}): SqlExecutor & { [PIPELINES]: true } {
  return {
    [PIPELINES]: true,
    $executeRawUnsafe: async (query, ...values) => affectedRows(await target.query(query, values)),
    // The caller names the row type, as with Prisma's $queryRawUnsafe<T>.
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
      (await target.query(query, values)) as T,
  };
}

/**
 * A TransactionRunner on a raw `mariadb` pool, for hot paths whose SQL is raw anyway (the relay, a
 * consumer whose handlers only use `$executeRawUnsafe`/`$queryRawUnsafe`). MEASURED.md: a 2-insert
 * transaction costs ≈ 100 µs of CPU this way against ≈ 1.3 ms through a Prisma interactive
 * transaction. Values bind as `?` placeholders; BIGINT comes back as bigint, as through Prisma.
 */
export function poolRunner(pool: MariaDbPoolLike): TransactionRunner {
  return {
    ...executorOn(pool),
    async $transaction<R>(
      fn: (tx: SqlExecutor) => Promise<R>,
      options?: TransactionOptions,
    ): Promise<R> {
      const conn = await pool.getConnection();
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      try {
        if (options?.isolationLevel)
          await conn.query(
            `SET TRANSACTION ISOLATION LEVEL ${ISOLATION_SQL[options.isolationLevel]}`,
          );
        await conn.beginTransaction();
        const work = fn(executorOn(conn));
        // Past the timeout nobody awaits `work` any more: its late failure must not go unhandled.
        work.catch(() => undefined);
        const result = await (options?.timeout === undefined
          ? work
          : Promise.race([
              work,
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => {
                  timedOut = true;
                  reject(new TransactionTimeoutError(options.timeout ?? 0));
                }, options.timeout);
              }),
            ]));
        await conn.commit();
        return result;
      } catch (err) {
        // A timed-out transaction may still have a statement running: drop the connection (the
        // server rolls back) rather than queue a ROLLBACK behind it.
        if (timedOut) conn.destroy();
        else await conn.rollback().catch(() => conn.destroy());
        throw err;
      } finally {
        clearTimeout(timer);
        if (!timedOut) await conn.release().catch(() => undefined);
      }
    },
  };
}
