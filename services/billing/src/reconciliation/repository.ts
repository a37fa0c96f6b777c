import type { Database } from '../db.js';
import type { SubscriptionRow } from '../subscriptions/repository.js';

/** Statuses the provider can still change: everything but expired. */
export const NON_FINAL_STATUSES = ['pending', 'trialing', 'active', 'past_due', 'canceled'];

export const reconciliationRepository = {
  /** One page of non-final subscriptions after `afterId`, by id (stable while rows change). */
  nonFinalPage: (db: Database, afterId: string, take: number): Promise<SubscriptionRow[]> =>
    db.subscription.findMany({
      where: { status: { in: NON_FINAL_STATUSES }, id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take,
    }),
};
