import { Prisma, type Subscription } from '../generated/prisma/client.js';
import type { Database } from '../db.js';

export type Db = Database | Prisma.TransactionClient;
export type SubscriptionRow = Subscription;

/** "One subscription per user": a second row holding the user's slot is refused by the index. */
export const isSlotTaken = (err: unknown): boolean =>
  err instanceof Prisma.PrismaClientKnownRequestError &&
  err.code === 'P2002' &&
  JSON.stringify(err.meta ?? {}).includes('active_user_id');

/** The plan named by a new subscription no longer exists (deleted since it was read). */
export const isPlanGone = (err: unknown): boolean =>
  err instanceof Prisma.PrismaClientKnownRequestError &&
  err.code === 'P2003' &&
  JSON.stringify(err.meta ?? {}).includes('plan_id');

export const subscriptionsRepository = {
  /**
   * Locks the row for the rest of the transaction (writers of one subscription queue here) and
   * returns it as committed now. The locking read itself returns the row: a plain read after it
   * would see the transaction's REPEATABLE READ snapshot, which may predate the lock wait.
   */
  async lock(tx: Prisma.TransactionClient, id: string): Promise<SubscriptionRow | null> {
    const [row] = await tx.$queryRaw<
      (Omit<SubscriptionRow, 'cancelAtPeriodEnd'> & {
        cancelAtPeriodEnd: unknown;
      })[]
    >`
      SELECT id, user_id AS userId, active_user_id AS activeUserId, plan_id AS planId,
        plan_name AS planName, tier, price_minor AS priceMinor, currency, \`interval\`,
        trial_days AS trialDays, status, cancel_at_period_end AS cancelAtPeriodEnd,
        current_period_start AS currentPeriodStart, current_period_end AS currentPeriodEnd,
        provider_customer_id AS providerCustomerId,
        provider_checkout_session_id AS providerCheckoutSessionId,
        provider_subscription_id AS providerSubscriptionId, checkout_url AS checkoutUrl,
        traceparent, provider_updated_at AS providerUpdatedAt, ended_at AS endedAt,
        created_at AS createdAt, updated_at AS updatedAt
      FROM subscriptions WHERE id = ${id} FOR UPDATE`;
    if (!row) return null;
    return {
      ...row,
      priceMinor: Number(row.priceMinor),
      trialDays: Number(row.trialDays),
      cancelAtPeriodEnd: Boolean(Number(row.cancelAtPeriodEnd)),
    };
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
