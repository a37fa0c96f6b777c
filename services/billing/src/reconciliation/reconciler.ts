import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db.js';
import type { BillingMetrics } from '../metrics.js';
import {
  ProviderUnavailable,
  type PaymentProvider,
  type ProviderSubscription,
} from '../provider/index.js';
import {
  applySubscriptionFacts,
  factsOf,
  type SubscriptionFacts,
} from '../subscriptions/lifecycle.js';
import type { SubscriptionRow } from '../subscriptions/repository.js';
import { reconciliationRepository as repo } from './repository.js';

/** One subscription reconciliation changed, and the events that change wrote to the outbox. */
export interface Repair {
  subscriptionId: string;
  /** `from->to`, or `<status> period` / `<status> cancel flag` when only those moved. */
  transition: string;
  published: string[];
}

export interface ReconciliationReport {
  /** Names this pass in the subscriptions' history (subscription_changes.cause_ref). */
  passId: string;
  checked: number;
  repaired: Repair[];
  /** Provider amounts or currencies that disagreed with the local record: left alone. */
  mismatches: string[];
  /** Subscriptions that could not be checked (the provider refused the lookup). */
  failed: string[];
}

export interface ReconcilerDeps {
  db: Database;
  provider: PaymentProvider;
  metrics: BillingMetrics;
  logger: Logger;
  now?: () => Date;
  pageSize?: number;
}

const later = (a: Date, b: Date | null): Date => (b !== null && b > a ? b : a);

/** Whether the provider's facts say anything the local row does not already say. */
function drifted(local: SubscriptionRow, facts: SubscriptionFacts): boolean {
  if (facts.status !== undefined && facts.status !== local.status) return true;
  if (
    facts.currentPeriodEnd &&
    (local.currentPeriodEnd === null || facts.currentPeriodEnd > local.currentPeriodEnd)
  ) {
    return true;
  }
  return (
    facts.cancelAtPeriodEnd !== undefined && facts.cancelAtPeriodEnd !== local.cancelAtPeriodEnd
  );
}

function transitionOf(before: SubscriptionRow, after: SubscriptionRow): string {
  if (before.status !== after.status) return `${before.status}->${after.status}`;
  if (before.cancelAtPeriodEnd !== after.cancelAtPeriodEnd) return `${after.status} cancel flag`;
  return `${after.status} period`;
}

/**
 * Compares each non-final local subscription with the provider's and repairs drift (a webhook
 * billing never got) through applySubscriptionFacts, the function the webhook path uses: the
 * same audit row (cause `reconciliation`) and the same events through the outbox.
 */
export function createReconciler(deps: ReconcilerDeps) {
  const { db, provider, metrics } = deps;
  const now = deps.now ?? (() => new Date());
  const pageSize = deps.pageSize ?? 100;
  const log = deps.logger.child({ component: 'reconciliation' });

  /** The provider subscription behind a local one, or a repair that needs none; null: nothing. */
  async function providerSideOf(
    local: SubscriptionRow,
  ): Promise<ProviderSubscription | { expired: string } | null> {
    if (local.providerSubscriptionId !== null) {
      return provider.getSubscription(local.providerSubscriptionId);
    }
    // Pending: the checkout.session.completed (or .expired) webhook may be the one missed.
    if (local.status !== 'pending' || local.providerCheckoutSessionId === null) return null;
    const session = await provider.getCheckoutSession(local.providerCheckoutSessionId);
    if (session.status === 'expired') return { expired: 'checkout session expired unpaid' };
    if (session.status !== 'complete' || session.subscriptionId === null) return null;
    return provider.getSubscription(session.subscriptionId);
  }

  /**
   * Whether a period the provider moved on is paid: its latest invoice is paid (for the price
   * sold; 0 during a trial). A first period (none locally yet) needs no invoice.
   */
  async function periodPaid(
    local: SubscriptionRow,
    remote: ProviderSubscription,
    facts: SubscriptionFacts,
  ): Promise<boolean> {
    const moved =
      facts.currentPeriodEnd &&
      local.currentPeriodEnd !== null &&
      facts.currentPeriodEnd > local.currentPeriodEnd;
    if (!moved) return true;
    if (remote.latestInvoiceId === null) return false;
    const invoice = await provider.getInvoice(remote.latestInvoiceId);
    return (
      invoice.status === 'paid' &&
      invoice.currency.toUpperCase() === local.currency.toUpperCase() &&
      (invoice.amountPaid === local.priceMinor || (local.trialDays > 0 && invoice.amountPaid === 0))
    );
  }

  async function reconcileOne(
    local: SubscriptionRow,
    passId: string,
    report: ReconciliationReport,
  ): Promise<void> {
    // Taken before the lookup: what the provider answers is at least as new as this moment, and
    // as new as every fact applied before (so a provider clock ahead of ours is no "stale").
    const asOf = later(now(), local.providerUpdatedAt);
    const remote = await providerSideOf(local);
    if (remote === null) return;
    let facts: SubscriptionFacts;
    let detail: string;
    if ('expired' in remote) {
      facts = { status: 'expired' };
      detail = remote.expired;
    } else {
      if (remote.localSubscriptionId !== null && remote.localSubscriptionId !== local.id) {
        log.error(
          { subscriptionId: local.id, providerSubscriptionId: remote.id },
          'provider subscription belongs to another local subscription',
        );
        report.failed.push(local.id);
        return;
      }
      if (
        remote.priceMinor !== local.priceMinor ||
        remote.currency.toUpperCase() !== local.currency.toUpperCase()
      ) {
        metrics.amountMismatch('reconciliation');
        log.error(
          {
            subscriptionId: local.id,
            local: { priceMinor: local.priceMinor, currency: local.currency },
            provider: { priceMinor: remote.priceMinor, currency: remote.currency },
          },
          'amount mismatch',
        );
        report.mismatches.push(local.id);
        return;
      }
      facts = factsOf(remote);
      detail = `provider status ${remote.status}`;
      if (!(await periodPaid(local, remote, facts))) {
        // As on the webhook path: a period moved but not paid yet never extends the entitlement.
        delete facts.currentPeriodStart;
        delete facts.currentPeriodEnd;
      }
    }
    if (!drifted(local, facts)) return;

    const result = await db.$transaction((tx) =>
      applySubscriptionFacts(tx, local.id, facts, {
        cause: { kind: 'reconciliation', ref: passId },
        at: asOf,
        providerAt: asOf,
        detail: `reconciliation: ${detail}`,
        ...(local.traceparent ? { traceparent: local.traceparent } : {}),
      }),
    );
    // Stale or unchanged: a webhook got there between the listing and the lock.
    if (result.outcome !== 'applied' || !result.before || !result.after) return;
    const repair = {
      subscriptionId: local.id,
      transition: transitionOf(result.before, result.after),
      published: result.published,
    };
    metrics.reconciliationRepaired(repair.transition);
    log.info(repair, 'subscription repaired');
    report.repaired.push(repair);
  }

  return {
    /**
     * One pass over every non-final subscription. A refused lookup skips that subscription; an
     * unavailable provider ends the pass (ProviderUnavailable is thrown) and counts it failed.
     */
    async runOnce(): Promise<ReconciliationReport> {
      const report: ReconciliationReport = {
        passId: randomUUID(),
        checked: 0,
        repaired: [],
        mismatches: [],
        failed: [],
      };
      try {
        let afterId = '';
        for (;;) {
          const page = await repo.nonFinalPage(db, afterId, pageSize);
          for (const local of page) {
            report.checked += 1;
            try {
              await reconcileOne(local, report.passId, report);
            } catch (err) {
              if (err instanceof ProviderUnavailable) throw err;
              log.error({ err, subscriptionId: local.id }, 'subscription not reconciled');
              report.failed.push(local.id);
            }
          }
          const last = page.at(-1);
          if (last === undefined || page.length < pageSize) break;
          afterId = last.id;
        }
      } catch (err) {
        metrics.reconciliationRun('failed');
        log.warn({ err, passId: report.passId, checked: report.checked }, 'reconciliation failed');
        throw err;
      }
      metrics.reconciliationRun('ok');
      log.info(
        {
          passId: report.passId,
          checked: report.checked,
          repaired: report.repaired.length,
          mismatches: report.mismatches.length,
          failed: report.failed.length,
        },
        'reconciliation pass done',
      );
      return report;
    },
  };
}
export type Reconciler = ReturnType<typeof createReconciler>;
