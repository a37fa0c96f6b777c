import { publishInTx } from '@kavosh/messaging';
import type { Prisma } from '../generated/prisma/client.js';
import type { ProviderSubscription } from '../provider/index.js';
import { billingEvents } from './events.js';
import { subscriptionsRepository as repo, type SubscriptionRow } from './repository.js';

// The one place a subscription's state changes. Webhooks, user actions, reconciliation and
// account deletion all go through applySubscriptionFacts, so every change is audited
// (subscription_changes) and publishes its event through the outbox in the same transaction.

export type SubscriptionStatus =
  'pending' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'expired';

/** Why a change happened; `ref` is the provider event id or the acting user's id. */
export type ChangeCause =
  | { kind: 'provider_event'; ref: string }
  | { kind: 'user'; ref: string }
  | { kind: 'admin'; ref: string }
  | { kind: 'reconciliation'; ref?: string }
  | { kind: 'system'; ref?: string };

/** What is known now about a subscription; absent fields stay as they are. */
export interface SubscriptionFacts {
  status?: SubscriptionStatus;
  cancelAtPeriodEnd?: boolean;
  currentPeriodStart?: Date | null;
  currentPeriodEnd?: Date | null;
  providerSubscriptionId?: string;
  providerCustomerId?: string;
}

export interface ApplyOptions {
  cause: ChangeCause;
  /** When the fact happened (the event's time; the provider's clock for provider facts). */
  at: Date;
  /**
   * The provider time of the fact. A fact older than the last one applied is stale and ignored;
   * an equal one is applied (set-to, so a duplicate changes nothing). Null for facts not ordered
   * by the provider's clock (a user action's own answer from the provider).
   */
  providerAt: Date | null;
  detail?: string;
  traceparent?: string;
}

export type ApplyOutcome = 'applied' | 'unchanged' | 'stale' | 'final' | 'missing';

export interface ApplyResult {
  outcome: ApplyOutcome;
  before: SubscriptionRow | null;
  after: SubscriptionRow | null;
  /** Types of the events written to the outbox. */
  published: string[];
}

const ENTITLED: ReadonlySet<string> = new Set(['trialing', 'active']);

/** The local status a provider subscription stands for; undefined: nothing billing acts on. */
export function localStatusOf(sub: ProviderSubscription): SubscriptionStatus | undefined {
  switch (sub.status) {
    case 'canceled':
    case 'incomplete_expired':
      return 'expired';
    case 'incomplete':
      return 'pending';
    case 'past_due':
    case 'unpaid':
    case 'paused':
      return 'past_due';
    case 'trialing':
    case 'active':
      // Canceled by the user, still running until the period ends (undoable until then).
      if (sub.cancelAtPeriodEnd) return 'canceled';
      return sub.status;
    default:
      return undefined;
  }
}

/** The facts a provider subscription states, for applySubscriptionFacts. */
export const factsOf = (sub: ProviderSubscription): SubscriptionFacts => ({
  ...(localStatusOf(sub) === undefined ? {} : { status: localStatusOf(sub) }),
  cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
  ...(sub.currentPeriodStart ? { currentPeriodStart: sub.currentPeriodStart } : {}),
  ...(sub.currentPeriodEnd ? { currentPeriodEnd: sub.currentPeriodEnd } : {}),
  providerSubscriptionId: sub.id,
  providerCustomerId: sub.customerId,
});

const sameTime = (a: Date | null, b: Date | null) =>
  (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** Legal moves: never back to pending, never out of expired (a new checkout starts a new row). */
function allowed(from: SubscriptionStatus, to: SubscriptionStatus): boolean {
  if (from === to) return true;
  if (from === 'expired') return false;
  if (to === 'pending') return false;
  return true;
}

/**
 * Applies `facts` to the subscription under a row lock, records the change and writes its events
 * to the outbox, all in `tx`. Returns what happened; never throws for a stale or illegal fact.
 */
export async function applySubscriptionFacts(
  tx: Prisma.TransactionClient,
  subscriptionId: string,
  facts: SubscriptionFacts,
  opts: ApplyOptions,
): Promise<ApplyResult> {
  const before = await repo.lock(tx, subscriptionId);
  if (!before) return { outcome: 'missing', before, after: null, published: [] };
  if (
    opts.providerAt !== null &&
    before.providerUpdatedAt !== null &&
    opts.providerAt < before.providerUpdatedAt
  ) {
    return { outcome: 'stale', before, after: before, published: [] };
  }
  const from = before.status as SubscriptionStatus;
  if (from === 'expired') return { outcome: 'final', before, after: before, published: [] };
  const wanted = facts.status ?? from;
  const to = allowed(from, wanted) ? wanted : from;

  // A period only moves forward: a late fact never shortens what was paid for.
  const periodEnd =
    facts.currentPeriodEnd !== undefined &&
    facts.currentPeriodEnd !== null &&
    (before.currentPeriodEnd === null || facts.currentPeriodEnd > before.currentPeriodEnd)
      ? facts.currentPeriodEnd
      : before.currentPeriodEnd;
  const periodStart =
    periodEnd !== before.currentPeriodEnd && facts.currentPeriodStart !== undefined
      ? facts.currentPeriodStart
      : before.currentPeriodStart;
  const cancelAtPeriodEnd =
    to === 'expired'
      ? before.cancelAtPeriodEnd
      : (facts.cancelAtPeriodEnd ?? before.cancelAtPeriodEnd);
  const providerUpdatedAt =
    opts.providerAt !== null &&
    (before.providerUpdatedAt === null || opts.providerAt > before.providerUpdatedAt)
      ? opts.providerAt
      : before.providerUpdatedAt;

  const changed =
    to !== from ||
    !sameTime(periodEnd, before.currentPeriodEnd) ||
    cancelAtPeriodEnd !== before.cancelAtPeriodEnd;
  const linked =
    (facts.providerSubscriptionId !== undefined &&
      before.providerSubscriptionId !== facts.providerSubscriptionId) ||
    (facts.providerCustomerId !== undefined && before.providerCustomerId === null);
  if (!changed && !linked && sameTime(providerUpdatedAt, before.providerUpdatedAt)) {
    return { outcome: 'unchanged', before, after: before, published: [] };
  }

  const after = await repo.update(tx, subscriptionId, {
    status: to,
    activeUserId: to === 'expired' ? null : before.userId,
    cancelAtPeriodEnd,
    currentPeriodStart: periodStart,
    currentPeriodEnd: periodEnd,
    providerUpdatedAt,
    ...(to === 'expired' ? { endedAt: opts.at } : {}),
    ...(facts.providerSubscriptionId !== undefined
      ? { providerSubscriptionId: facts.providerSubscriptionId }
      : {}),
    ...(facts.providerCustomerId !== undefined && before.providerCustomerId === null
      ? { providerCustomerId: facts.providerCustomerId }
      : {}),
    updatedAt: new Date(),
  });
  if (!changed) return { outcome: 'unchanged', before, after, published: [] };

  await repo.insertChange(tx, {
    subscriptionId,
    fromStatus: from,
    toStatus: to,
    cause: opts.cause.kind,
    causeRef: opts.cause.ref ?? null,
    providerAt: opts.providerAt,
    detail: describe(before, after, opts.detail),
    at: new Date(),
  });

  const published: string[] = [];
  const publish = async (event: Parameters<typeof publishInTx>[1]) => {
    await publishInTx(tx, event);
    published.push(event.type);
  };
  const extended = !sameTime(periodEnd, before.currentPeriodEnd);
  if (ENTITLED.has(to) && after.currentPeriodEnd && (!ENTITLED.has(from) || extended)) {
    await publish(
      billingEvents.activated(
        { ...after, currentPeriodEnd: after.currentPeriodEnd },
        opts.at,
        opts.traceparent,
      ),
    );
  }
  if (to === 'canceled' && from !== 'canceled') {
    await publish(
      billingEvents.canceled(after, after.currentPeriodEnd ?? opts.at, opts.at, opts.traceparent),
    );
  }
  // A checkout never paid had no entitlement to take back.
  if (to === 'expired' && from !== 'pending') {
    await publish(billingEvents.expired(after, opts.at, opts.traceparent));
  }
  return { outcome: 'applied', before, after, published };
}

/** One line for the audit trail: what moved besides the status. */
function describe(before: SubscriptionRow, after: SubscriptionRow, extra?: string): string {
  const parts: string[] = [];
  if (!sameTime(before.currentPeriodEnd, after.currentPeriodEnd))
    parts.push(`period end ${after.currentPeriodEnd?.toISOString() ?? 'none'}`);
  if (before.cancelAtPeriodEnd !== after.cancelAtPeriodEnd)
    parts.push(`cancel at period end ${after.cancelAtPeriodEnd ? 'on' : 'off'}`);
  if (extra) parts.push(extra);
  return parts.join('; ').slice(0, 500);
}
