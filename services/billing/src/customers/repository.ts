import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../subscriptions/repository.js';

export const customersRepository = {
  find: (db: Db, userId: string) => db.customer.findUnique({ where: { userId } }),

  /** The registration's facts; an erased customer stays erased (a late or replayed event). */
  async upsertProfile(
    db: Db,
    userId: string,
    profile: { email: string; displayName: string },
    at: Date,
  ): Promise<void> {
    const existing = await db.customer.findUnique({ where: { userId } });
    if (!existing) {
      await db.customer.create({ data: { userId, ...profile, createdAt: at, updatedAt: at } });
      return;
    }
    if (existing.erasedAt !== null) return;
    await db.customer.update({ where: { userId }, data: { ...profile, updatedAt: at } });
  },

  /** A customer row for a buyer whose registration event has not arrived yet. */
  ensure: (db: Db, userId: string, at: Date) =>
    db.customer.upsert({
      where: { userId },
      create: { userId, createdAt: at, updatedAt: at },
      update: {},
    }),

  /** Records the provider's customer unless one is already recorded; returns the recorded one. */
  async setProviderCustomer(db: Db, userId: string, providerCustomerId: string): Promise<string> {
    await db.customer.updateMany({
      where: { userId, providerCustomerId: null },
      data: { providerCustomerId, updatedAt: new Date() },
    });
    const row = await db.customer.findUnique({ where: { userId } });
    return row?.providerCustomerId ?? providerCustomerId;
  },

  erase: (db: Prisma.TransactionClient, userId: string, at: Date) =>
    db.customer.upsert({
      where: { userId },
      create: { userId, erasedAt: at, createdAt: at, updatedAt: at },
      update: { email: null, displayName: null, erasedAt: at, updatedAt: at },
    }),

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
