import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../subscriptions/repository.js';

export const customersRepository = {
  find: (db: Db, userId: string) => db.customer.findUnique({ where: { userId } }),

  // Rows are created with INSERT IGNORE (createMany + skipDuplicates), never read-then-insert:
  // two first checkouts of one buyer, or a checkout racing the registration event, would both
  // insert, and one would fail on the primary key.

  /** The registration's facts; an erased customer stays erased (a late or replayed event). */
  async upsertProfile(
    db: Db,
    userId: string,
    profile: { email: string; displayName: string },
    at: Date,
  ): Promise<void> {
    const { count } = await db.customer.createMany({
      data: [{ userId, ...profile, createdAt: at, updatedAt: at }],
      skipDuplicates: true,
    });
    if (count > 0) return;
    await db.customer.updateMany({
      where: { userId, erasedAt: null },
      data: { ...profile, updatedAt: at },
    });
  },

  /** Whether the provider's customer was erased here; a shared lock on its row until commit. */
  async isErasedLocked(db: Prisma.TransactionClient, providerCustomerId: string): Promise<boolean> {
    const rows = await db.$queryRaw<{ erased_at: Date | null }[]>`
      SELECT erased_at FROM customers WHERE provider_customer_id = ${providerCustomerId}
      LOCK IN SHARE MODE`;
    return rows.some((row) => row.erased_at !== null);
  },

  /** A customer row for a buyer whose registration event has not arrived yet. */
  async ensure(db: Db, userId: string, at: Date) {
    await db.customer.createMany({
      data: [{ userId, createdAt: at, updatedAt: at }],
      skipDuplicates: true,
    });
    return db.customer.findUniqueOrThrow({ where: { userId } });
  },

  /** Records the provider's customer unless one is already recorded; returns the recorded one. */
  async setProviderCustomer(db: Db, userId: string, providerCustomerId: string): Promise<string> {
    await db.customer.updateMany({
      where: { userId, providerCustomerId: null },
      data: { providerCustomerId, updatedAt: new Date() },
    });
    const row = await db.customer.findUnique({ where: { userId } });
    return row?.providerCustomerId ?? providerCustomerId;
  },

  async erase(db: Prisma.TransactionClient, userId: string, at: Date): Promise<void> {
    await db.customer.createMany({
      data: [{ userId, erasedAt: at, createdAt: at, updatedAt: at }],
      skipDuplicates: true,
    });
    await db.customer.updateMany({
      where: { userId },
      data: { email: null, displayName: null, erasedAt: at, updatedAt: at },
    });
  },

  anonymizeInvoices: (db: Prisma.TransactionClient, userId: string) =>
    db.invoice.updateMany({
      where: { userId },
      data: { customerName: null, customerEmail: null, updatedAt: new Date() },
    }),

  /** Provider payloads may carry the customer's name or email: only the facts billing derived stay. */
  blankProviderPayloads: (db: Prisma.TransactionClient, providerCustomerId: string) =>
    db.providerEvent.updateMany({
      where: { providerCustomerId },
      data: { payload: '{}' },
    }),
};
