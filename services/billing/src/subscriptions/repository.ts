import { Prisma, type Subscription } from '../generated/prisma/client.js';
import type { Database } from '../db.js';

export type Db = Database | Prisma.TransactionClient;
export type SubscriptionRow = Subscription;

/** "One subscription per user": a second row holding the user's slot is refused by the index. */
export const isSlotTaken = (err: unknown): boolean =>
  err instanceof Prisma.PrismaClientKnownRequestError &&
  err.code === 'P2002' &&
  JSON.stringify(err.meta ?? {}).includes('active_user_id');

export const subscriptionsRepository = {
  /** Locks the row for the rest of the transaction (writers of one subscription queue here). */
  async lock(tx: Prisma.TransactionClient, id: string): Promise<SubscriptionRow | null> {
    await tx.$queryRaw`SELECT id FROM subscriptions WHERE id = ${id} FOR UPDATE`;
    return tx.subscription.findUnique({ where: { id } });
  },

  find: (db: Db, id: string) => db.subscription.findUnique({ where: { id } }),

  findByProviderId: (db: Db, providerSubscriptionId: string) =>
    db.subscription.findUnique({ where: { providerSubscriptionId } }),

  findByCheckoutSession: (db: Db, providerCheckoutSessionId: string) =>
    db.subscription.findUnique({ where: { providerCheckoutSessionId } }),

  /** The subscription holding the user's slot (any status but expired), if any. */
  findHolding: (db: Db, userId: string) =>
    db.subscription.findUnique({ where: { activeUserId: userId } }),

  /** The user's current subscription, else their latest one. */
  findLatestOfUser: async (db: Db, userId: string) =>
    (await db.subscription.findUnique({ where: { activeUserId: userId } })) ??
    db.subscription.findFirst({
      where: { userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    }),

  insert: (db: Db, data: Prisma.SubscriptionUncheckedCreateInput) =>
    db.subscription.create({ data }),

  update: (db: Db, id: string, data: Prisma.SubscriptionUncheckedUpdateInput) =>
    db.subscription.update({ where: { id }, data }),

  insertChange: (db: Db, data: Prisma.SubscriptionChangeUncheckedCreateInput) =>
    db.subscriptionChange.create({ data }),

  changesOf: (db: Db, subscriptionId: string, take: number) =>
    db.subscriptionChange.findMany({
      where: { subscriptionId },
      orderBy: { id: 'desc' },
      take,
    }),
};
