import type { KavoshApp } from '@kavosh/service-kit';
import { eventually, type TestService } from '@kavosh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBilling } from '../../test/helper.js';
import { createDatabase, type Database } from '../db.js';
import { claimLease } from './lease.js';

describe('claimLease', () => {
  let svc: TestService<KavoshApp>;
  let db: Database;

  beforeAll(async () => {
    svc = await startBilling();
    db = createDatabase(svc.databaseUrl);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  it('gives the lease to one owner at a time; the holder renews it, another takes it once expired', async () => {
    const name = 'test.reconciliation';
    const a = { name, owner: 'replica-a', ttlMs: 60_000 };
    const b = { name, owner: 'replica-b', ttlMs: 60_000 };
    const claims = await Promise.all([claimLease(db, a), claimLease(db, b)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const [holder, other] = claims[0] ? [a, b] : [b, a];
    expect(await claimLease(db, holder)).toBe(true);
    expect(await claimLease(db, other)).toBe(false);

    // The holder stops renewing: its lease runs out on the database clock, then the other holds it.
    await db.$executeRawUnsafe(
      'UPDATE outbox_lease SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE name = ?',
      name,
    );
    expect(await claimLease(db, other)).toBe(true);
    expect(await claimLease(db, holder)).toBe(false);
    const [row] = await db.$queryRawUnsafe<{ owner: string; generation: bigint }[]>(
      'SELECT owner, generation FROM outbox_lease WHERE name = ?',
      name,
    );
    expect(row).toMatchObject({ owner: other.owner, generation: 2n });
  });

  it('leaves the outbox relay own lease row alone', async () => {
    await eventually(async () => {
      const rows = await db.$queryRawUnsafe<{ name: string }[]>(
        "SELECT name FROM outbox_lease WHERE name = 'relay'",
      );
      expect(rows).toHaveLength(1);
    });
    const before = await db.$queryRawUnsafe<{ owner: string }[]>(
      "SELECT owner FROM outbox_lease WHERE name = 'relay'",
    );
    expect(await claimLease(db, { name: 'test.other', owner: 'x', ttlMs: 1000 })).toBe(true);
    const after = await db.$queryRawUnsafe<{ owner: string }[]>(
      "SELECT owner FROM outbox_lease WHERE name = 'relay'",
    );
    expect(after).toEqual(before);
  });
});
