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
