import { mariadbAdapter } from '@kavosh/db';
import { PrismaClient } from './generated/prisma/client.js';

export type Database = PrismaClient;

type AdapterFactory = ReturnType<typeof mariadbAdapter>;
type Adapter = Awaited<ReturnType<AdapterFactory['connect']>>;
/** The `mariadb` pool under Prisma's adapter: hot reads use it directly (docs: README, Performance). */
export type RawPool = ReturnType<Adapter['underlyingDriver']>;

// The raw pool of each Database made here; a transaction client or a foreign client has none.
const rawPools = new WeakMap<object, () => Promise<RawPool>>();

export function createDatabase(databaseUrl: string): Database {
  const factory = mariadbAdapter(databaseUrl);
  let pool: RawPool | null = null;
  // The adapter creates its pool when Prisma connects: keep a handle on it, so raw reads and
  // Prisma share one pool and one connection limit.
  const capturing: Pick<AdapterFactory, 'provider' | 'adapterName' | 'connect'> = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<Adapter> {
      const adapter = await factory.connect();
      pool = adapter.underlyingDriver();
      return adapter;
    },
  };
  const db = new PrismaClient({ adapter: capturing });
  rawPools.set(db, async () => {
    // Before the first Prisma query (or after a disconnect) there is no open pool yet.
    if (pool === null || pool.closed) await db.$connect();
    if (pool === null || pool.closed) throw new Error('the database pool is closed');
    return pool;
  });
  return db;
}

/** The raw pool behind `db`, or null for a transaction client or a client not made here. */
export const rawPoolOf = (db: object): (() => Promise<RawPool>) | null => rawPools.get(db) ?? null;
