import type { Database } from '../db.js';
import type { PaymentProvider } from '../provider/index.js';
import {
  SubscriptionNotCancelable,
  SubscriptionNotFound,
  SubscriptionNotResumable,
} from './errors.js';
import { applySubscriptionFacts, factsOf } from './lifecycle.js';
import { subscriptionsRepository as repo, type SubscriptionRow } from './repository.js';
import type { Subscription } from './schemas.js';

const HISTORY = 50;

export function createSubscriptionsService(deps: {
  db: Database;
  provider: PaymentProvider;
  now?: () => Date;
}) {
  const { db, provider } = deps;
  const now = deps.now ?? (() => new Date());

  async function view(row: SubscriptionRow): Promise<Subscription> {
    const changes = await repo.changesOf(db, row.id, HISTORY);
    return {
      id: row.id,
      userId: row.userId,
      planId: row.planId,
      planName: row.planName,
      tier: 'premium',
      price: { amountMinor: row.priceMinor, currency: row.currency },
      interval: row.interval,
      status: row.status as Subscription['status'],
      cancelAtPeriodEnd: row.cancelAtPeriodEnd,
      currentPeriodStart: row.currentPeriodStart?.toISOString() ?? null,
      currentPeriodEnd: row.currentPeriodEnd?.toISOString() ?? null,
      checkoutUrl: row.status === 'pending' ? row.checkoutUrl : null,
      createdAt: row.createdAt.toISOString(),
      history: changes.map((c) => ({
        from: c.fromStatus,
        to: c.toStatus,
        cause: c.cause,
        causeRef: c.causeRef,
        detail: c.detail,
        at: c.at.toISOString(),
      })),
    };
  }

  /** Sets cancel-at-period-end at the provider, then applies the provider's answer locally. */
  async function setCancel(userId: string, cancel: boolean): Promise<Subscription> {
    const sub = await repo.findHolding(db, userId);
    if (!sub) throw new SubscriptionNotFound();
    if (cancel && sub.status === 'canceled') return view(sub);
    if (cancel && (!['active', 'trialing'].includes(sub.status) || !sub.providerSubscriptionId))
      throw new SubscriptionNotCancelable(sub.status);
    if (!cancel && sub.status !== 'canceled') {
      if (['active', 'trialing'].includes(sub.status)) return view(sub);
      throw new SubscriptionNotResumable(sub.status);
    }
    if (
      !cancel &&
      (!sub.providerSubscriptionId || (sub.currentPeriodEnd && sub.currentPeriodEnd <= now()))
    )
      throw new SubscriptionNotResumable(sub.status);
    const remote = await provider.setCancelAtPeriodEnd(
      sub.providerSubscriptionId ?? '',
      cancel,
      // One key per (subscription, state it moves from): a retried click is one provider call.
      `kavosh-${cancel ? 'cancel' : 'resume'}-${sub.id}-${sub.updatedAt.getTime()}`,
    );
    const result = await db.$transaction((tx) =>
      applySubscriptionFacts(tx, sub.id, factsOf(remote), {
        cause: { kind: 'user', ref: userId },
        at: now(),
        // The provider's answer is its current state, but carries no time of its own.
        providerAt: null,
        detail: cancel ? 'canceled by the user' : 'resumed by the user',
      }),
    );
    return view(result.after ?? sub);
  }

  return {
    async get(userId: string): Promise<Subscription> {
      const row = await repo.findLatestOfUser(db, userId);
      if (!row) throw new SubscriptionNotFound();
      return view(row);
    },
    cancel: (userId: string) => setCancel(userId, true),
    resume: (userId: string) => setCancel(userId, false),
  };
}
export type SubscriptionsService = ReturnType<typeof createSubscriptionsService>;
