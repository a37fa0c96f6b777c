import type { SqlExecutor } from './sql-client.js';

/**
 * Deletes inbox rows older than `olderThanHours`, in chunks; returns how many. Keep them longer than
 * any redelivery can take (the longest retry delay plus a DLQ replay window), or a late duplicate
 * would be handled twice.
 */
export async function pruneInbox(
  db: SqlExecutor,
  opts: { olderThanHours: number },
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.$executeRawUnsafe(
      'DELETE FROM inbox WHERE processed_at < NOW(3) - INTERVAL ? HOUR ORDER BY processed_at LIMIT 5000',
      opts.olderThanHours,
    );
    total += n;
    if (n < 5000) return total;
  }
}
