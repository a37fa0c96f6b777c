import type { Database } from '../db.js';

/**
 * A named, expiring lease in the `outbox_lease` table @kavosh/messaging's relay leases on (same
 * columns, its own row name, so neither touches the other's row). The database clock decides
 * expiry, not a replica's. Taking it over, or back after it expired, starts a new generation.
 * Returns true when `owner` holds it for the next `ttlMs`.
 */
export async function claimLease(
  db: Database,
  lease: { name: string; owner: string; ttlMs: number },
): Promise<boolean> {
  const ttlUs = lease.ttlMs * 1000;
  const taken = await db.$executeRawUnsafe(
    `UPDATE outbox_lease
     SET generation = IF(owner = ? AND expires_at >= NOW(3), generation, generation + 1),
         owner = ?, expires_at = NOW(3) + INTERVAL ? MICROSECOND
     WHERE name = ? AND (owner = ? OR expires_at < NOW(3))`,
    lease.owner,
    lease.owner,
    ttlUs,
    lease.name,
    lease.owner,
  );
  if (taken > 0) return true;
  // No row yet (the first claim ever), or someone else holds it: then this inserts nothing.
  const inserted = await db.$executeRawUnsafe(
    'INSERT IGNORE INTO outbox_lease (name, owner, expires_at, generation) VALUES (?, ?, NOW(3) + INTERVAL ? MICROSECOND, 1)',
    lease.name,
    lease.owner,
    ttlUs,
  );
  return inserted > 0;
}
