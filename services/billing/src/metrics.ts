import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Database } from './db.js';

/** Why a webhook was refused before any state change (the alert's label). */
export type WebhookRefusal =
  | 'missing_signature'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'malformed'
  | 'replayed'
  | 'amount_mismatch';

/** Where an amount or currency mismatch was found. */
export type MismatchSource = 'webhook' | 'reconciliation';

const WEBHOOK_REFUSALS: readonly WebhookRefusal[] = [
  'missing_signature',
  'bad_signature',
  'stale_timestamp',
  'malformed',
  'replayed',
  'amount_mismatch',
];

/** The statuses a subscription holds a paying (or trial) slot in: what "active" counts. */
const COUNTED_STATUSES = ['trialing', 'active', 'past_due'] as const;

export interface BillingMetrics {
  checkoutStarted(): void;
  /** The provider confirmed a checkout's payment: its subscription became trialing or active. */
  checkoutCompleted(): void;
  webhookVerified(): void;
  /** Refused for its signature, time, shape or a replay (for an amount: amountMismatch). */
  webhookRefused(reason: Exclude<WebhookRefusal, 'amount_mismatch'>): void;
  /**
   * A provider amount or currency disagreed with the local record and was refused; from a
   * webhook, it also counts as a refused webhook (reason amount_mismatch).
   */
  amountMismatch(source: MismatchSource): void;
  /** One subscription repaired by reconciliation, by the transition it applied (`active→canceled`). */
  reconciliationRepaired(transition: string): void;
  reconciliationRun(result: 'ok' | 'failed'): void;
}

/**
 * Billing's business metrics on the app's registry. `billing_subscriptions` is counted by the
 * database at scrape time (one GROUP BY on the status index), so every replica reports the same
 * truth and nothing drifts with restarts; dashboards take max() across replicas.
 */
export function billingMetrics(
  registry: Registry,
  deps: { db: Database; logger: Logger },
): BillingMetrics {
  const log = deps.logger.child({ component: 'billing-metrics' });
  new Gauge({
    name: 'billing_subscriptions',
    help: 'Subscriptions holding a slot (trialing, active, past_due) by plan and status',
    labelNames: ['plan', 'status'],
    registers: [registry],
    async collect() {
      try {
        const rows = await deps.db.subscription.groupBy({
          by: ['planName', 'status'],
          where: { status: { in: [...COUNTED_STATUSES] } },
          _count: { _all: true },
        });
        // Reset first: a plan whose last subscriber left must report nothing, not its old count.
        this.reset();
        for (const row of rows)
          this.set({ plan: row.planName, status: row.status }, row._count._all);
      } catch (err) {
        // A database outage must not fail the whole scrape (every other metric would go with
        // it): the last counts stay, and dependency alerts already report the database.
        log.warn({ err }, 'subscription counts not refreshed');
      }
    },
  });
  const checkouts = new Counter({
    name: 'billing_checkouts_total',
    help: 'Checkouts by stage: started (a provider session created), completed (paid)',
    labelNames: ['stage'],
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'billing_webhooks_total',
    help: 'Provider webhooks by outcome (verified, refused) and the reason of a refusal',
    labelNames: ['outcome', 'reason'],
    registers: [registry],
  });
  const mismatches = new Counter({
    name: 'billing_amount_mismatches_total',
    help: 'Provider amounts or currencies that did not match the local record (refused), by source',
    labelNames: ['source'],
    registers: [registry],
  });
  const repairs = new Counter({
    name: 'billing_reconciliation_repairs_total',
    help: 'Subscriptions reconciliation repaired from the provider, by transition',
    labelNames: ['transition'],
    registers: [registry],
  });
  const runs = new Counter({
    name: 'billing_reconciliation_runs_total',
    help: 'Reconciliation passes by result (ok, failed)',
    labelNames: ['result'],
    registers: [registry],
  });
  // Every series the dashboard and alerts read exists from the start, as 0 rather than absent.
  for (const stage of ['started', 'completed']) checkouts.inc({ stage }, 0);
  webhooks.inc({ outcome: 'verified', reason: '' }, 0);
  for (const reason of WEBHOOK_REFUSALS) webhooks.inc({ outcome: 'refused', reason }, 0);
  for (const result of ['ok', 'failed']) runs.inc({ result }, 0);
  for (const source of ['webhook', 'reconciliation']) mismatches.inc({ source }, 0);

  return {
    checkoutStarted: () => checkouts.inc({ stage: 'started' }),
    checkoutCompleted: () => checkouts.inc({ stage: 'completed' }),
    webhookVerified: () => webhooks.inc({ outcome: 'verified', reason: '' }),
    webhookRefused: (reason) => webhooks.inc({ outcome: 'refused', reason }),
    amountMismatch: (source) => {
      mismatches.inc({ source });
      if (source === 'webhook') webhooks.inc({ outcome: 'refused', reason: 'amount_mismatch' });
    },
    reconciliationRepaired: (transition) => repairs.inc({ transition }),
    reconciliationRun: (result) => runs.inc({ result }),
  };
}
