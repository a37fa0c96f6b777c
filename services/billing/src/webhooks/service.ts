import { randomUUID } from 'node:crypto';
import { retryOnConflict } from '@kavosh/db';
import { publishInTx } from '@kavosh/messaging';
import type { Logger } from 'pino';
import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { checkoutTraceparentOf, inCheckoutTrace } from '../infrastructure/checkout-trace.js';
import { invoicesRepository, paymentsRepository } from '../invoices/repository.js';
import type { BillingMetrics, WebhookRefusal } from '../metrics.js';
import {
  WebhookSignatureInvalid,
  type PaymentProvider,
  type ProviderEvent,
  type ProviderInvoice,
} from '../provider/index.js';
import { billingEvents } from '../subscriptions/events.js';
import {
  applySubscriptionFacts,
  factsOf,
  type ApplyResult,
  type SubscriptionFacts,
} from '../subscriptions/lifecycle.js';
import {
  subscriptionsRepository as subscriptions,
  type SubscriptionRow,
} from '../subscriptions/repository.js';
import { AmountMismatch } from './errors.js';
import { customersRepository } from '../customers/repository.js';
import { providerEventsRepository as events, type ReceivedEvent } from './repository.js';

// A verified provider event is recorded by id (a replay is answered 200 and ignored), then turned
// into facts for the lifecycle (src/subscriptions/lifecycle.ts), which orders them by the
// provider's time. Invoices and payments are facts of their own, keyed by the provider's ids, so
// a duplicate or a late event records each of them once whatever the order.

export type WebhookOutcome = 'applied' | 'unchanged' | 'stale' | 'ignored' | 'duplicate';

const REFUSAL_OF: Record<string, Exclude<WebhookRefusal, 'amount_mismatch'>> = {
  missing: 'missing_signature',
  invalid: 'bad_signature',
  stale: 'stale_timestamp',
  malformed: 'malformed',
};

const ENTITLED = new Set(['trialing', 'active']);

interface Handled {
  outcome: Exclude<WebhookOutcome, 'duplicate'>;
  detail: string | null;
}

export function createWebhooksService(deps: {
  db: Database;
  provider: PaymentProvider;
  metrics: Pick<
    BillingMetrics,
    'webhookVerified' | 'webhookRefused' | 'amountMismatch' | 'checkoutCompleted'
  >;
  logger: Logger;
  now?: () => Date;
}) {
  const { db, provider, metrics } = deps;
  const log = deps.logger.child({ component: 'webhooks' });
  const now = deps.now ?? (() => new Date());

  /** The local subscription an event is about, by the provider's id or billing's metadata. */
  async function findSubscription(
    tx: Prisma.TransactionClient,
    ids: { providerSubscriptionId: string | null; localSubscriptionId: string | null },
  ): Promise<SubscriptionRow | null> {
    if (ids.providerSubscriptionId) {
      const byProvider = await subscriptions.findByProviderId(tx, ids.providerSubscriptionId);
      if (byProvider) return byProvider;
    }
    if (ids.localSubscriptionId) return subscriptions.find(tx, ids.localSubscriptionId);
    return null;
  }

  function assertAmount(
    event: ProviderEvent,
    sub: SubscriptionRow,
    received: { amountMinor: number | null; currency: string | null },
    allowZero: boolean,
  ): void {
    const amountOk =
      received.amountMinor === null ||
      received.amountMinor === sub.priceMinor ||
      (allowZero && received.amountMinor === 0);
    const currencyOk = received.currency === null || received.currency === sub.currency;
    if (amountOk && currencyOk) return;
    throw new AmountMismatch({
      eventId: event.id,
      expected: { amountMinor: sub.priceMinor, currency: sub.currency },
      received,
    });
  }

  const provenance = (event: ProviderEvent) => ({
    cause: { kind: 'provider_event' as const, ref: event.id },
    at: event.created,
    providerAt: event.created,
    traceparent: undefined,
  });

  function outcomeOf(result: ApplyResult, event: ProviderEvent): Handled {
    if (
      result.outcome === 'applied' &&
      result.before?.status === 'pending' &&
      ENTITLED.has(result.after?.status ?? '')
    ) {
      metrics.checkoutCompleted();
    }
    const outcome =
      result.outcome === 'applied'
        ? 'applied'
        : result.outcome === 'stale'
          ? 'stale'
          : result.outcome === 'missing'
            ? 'ignored'
            : 'unchanged';
    return {
      outcome,
      detail:
        outcome === 'applied'
          ? `${result.before?.status} -> ${result.after?.status}`
          : `${result.outcome} for ${event.type}`,
    };
  }

  async function onCheckoutSession(
    tx: Prisma.TransactionClient,
    event: Extract<ProviderEvent, { object: 'checkout_session' }>,
  ): Promise<Handled> {
    const { session } = event;
    const sub =
      (await subscriptions.findByCheckoutSession(tx, session.id)) ??
      (session.localSubscriptionId
        ? await subscriptions.find(tx, session.localSubscriptionId)
        : null);
    if (!sub) return { outcome: 'ignored', detail: 'no local subscription' };
    if (event.type === 'checkout.session.completed') {
      // A trial's first invoice is 0.
      assertAmount(
        event,
        sub,
        { amountMinor: session.amountTotal, currency: session.currency },
        sub.trialDays > 0,
      );
      // Links the provider's ids; the status comes from the subscription's own events.
      const facts: SubscriptionFacts = {
        ...(session.subscriptionId ? { providerSubscriptionId: session.subscriptionId } : {}),
        ...(session.customerId ? { providerCustomerId: session.customerId } : {}),
      };
      return outcomeOf(
        await applySubscriptionFacts(tx, sub.id, facts, { ...provenance(event), providerAt: null }),
        event,
      );
    }
    if (event.type === 'checkout.session.expired' && sub.status === 'pending') {
      return outcomeOf(
        await applySubscriptionFacts(
          tx,
          sub.id,
          { status: 'expired' },
          { ...provenance(event), detail: 'checkout session expired unpaid' },
        ),
        event,
      );
    }
    return { outcome: 'ignored', detail: `${event.type} needs nothing` };
  }

  async function onSubscription(
    tx: Prisma.TransactionClient,
    event: Extract<ProviderEvent, { object: 'subscription' }>,
  ): Promise<Handled> {
    const { subscription } = event;
    const sub = await findSubscription(tx, {
      providerSubscriptionId: subscription.id,
      localSubscriptionId: subscription.localSubscriptionId,
    });
    if (!sub) return { outcome: 'ignored', detail: 'no local subscription' };
    assertAmount(
      event,
      sub,
      { amountMinor: subscription.priceMinor, currency: subscription.currency },
      false,
    );
    // A renewal moves the provider's period before it charges: the paid period comes from the
    // paid invoice (onInvoice), so an unpaid renewal never extends the entitlement. A first
    // period (a trial, or a missed invoice) is taken from here.
    const facts = factsOf(subscription);
    if (sub.currentPeriodEnd !== null) {
      delete facts.currentPeriodStart;
      delete facts.currentPeriodEnd;
    }
    return outcomeOf(await applySubscriptionFacts(tx, sub.id, facts, provenance(event)), event);
  }

  /** The invoice row for a provider invoice (created once, then its status kept current). */
  async function recordInvoice(
    tx: Prisma.TransactionClient,
    sub: SubscriptionRow,
    invoice: ProviderInvoice,
    status: 'paid' | 'open',
  ) {
    const existing = await invoicesRepository.findByProviderId(tx, invoice.id);
    if (existing) {
      // Paid is final: a late "failed" for an invoice a retry already paid changes nothing.
      if (existing.status === 'paid' || existing.status === status) return existing;
      return invoicesRepository.update(tx, existing.id, {
        status,
        paidAt: status === 'paid' ? (invoice.paidAt ?? invoice.created) : null,
        updatedAt: now(),
      });
    }
    const customer = await tx.customer.findUnique({ where: { userId: sub.userId } });
    return invoicesRepository.insert(tx, {
      id: randomUUID(),
      providerInvoiceId: invoice.id,
      number: invoice.number ?? invoice.id,
      userId: sub.userId,
      subscriptionId: sub.id,
      description: `${sub.planName} (${sub.interval === 'year' ? 'yearly' : 'monthly'})`,
      amountMinor: status === 'paid' ? invoice.amountPaid : invoice.amountDue,
      currency: invoice.currency,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      status,
      customerName: customer?.erasedAt ? null : (customer?.displayName ?? null),
      customerEmail: customer?.erasedAt ? null : (customer?.email ?? null),
      issuedAt: invoice.created,
      paidAt: status === 'paid' ? (invoice.paidAt ?? invoice.created) : null,
      createdAt: now(),
      updatedAt: now(),
    });
  }

  async function onInvoice(
    tx: Prisma.TransactionClient,
    event: Extract<ProviderEvent, { object: 'invoice' }>,
  ): Promise<Handled> {
    const { invoice } = event;
    const paid = event.type === 'invoice.paid' || event.type === 'invoice.payment_succeeded';
    const failed = event.type === 'invoice.payment_failed';
    if (!paid && !failed) return { outcome: 'ignored', detail: `${event.type} needs nothing` };
    let sub = await findSubscription(tx, {
      providerSubscriptionId: invoice.subscriptionId,
      localSubscriptionId: invoice.localSubscriptionId,
    });
    if (!sub && invoice.subscriptionId) {
      // An invoice may overtake every event that links its subscription: ask the provider.
      const remote = await provider.getSubscription(invoice.subscriptionId);
      if (remote.localSubscriptionId)
        sub = await subscriptions.find(tx, remote.localSubscriptionId);
    }
    if (!sub) return { outcome: 'ignored', detail: 'no local subscription' };
    // Every fact about one subscription is written under its row lock, read as it is now.
    sub = await subscriptions.lock(tx, sub.id);
    if (!sub) return { outcome: 'ignored', detail: 'no local subscription' };

    if (paid) {
      assertAmount(
        event,
        sub,
        { amountMinor: invoice.amountPaid, currency: invoice.currency },
        sub.trialDays > 0,
      );
      const row = await recordInvoice(tx, sub, invoice, 'paid');
      const ref = `${invoice.id}:paid`;
      if (invoice.amountPaid > 0 && !(await paymentsRepository.findByProviderRef(tx, ref))) {
        const paidAt = invoice.paidAt ?? event.created;
        const payment = await paymentsRepository.insert(tx, {
          id: randomUUID(),
          providerRef: ref,
          userId: sub.userId,
          subscriptionId: sub.id,
          invoiceId: row.id,
          status: 'succeeded',
          amountMinor: invoice.amountPaid,
          currency: invoice.currency,
          at: paidAt,
          createdAt: now(),
        });
        await publishInTx(
          tx,
          billingEvents.paymentSucceeded({ ...payment, invoiceId: row.id }, paidAt),
        );
      }
      // A paid invoice means the paid period is on: a trial's 0 invoice starts the trial.
      const status =
        sub.status === 'canceled'
          ? undefined
          : invoice.amountPaid === 0
            ? sub.status === 'pending'
              ? 'trialing'
              : undefined
            : 'active';
      return outcomeOf(
        await applySubscriptionFacts(
          tx,
          sub.id,
          {
            ...(status ? { status } : {}),
            currentPeriodStart: invoice.periodStart,
            currentPeriodEnd: invoice.periodEnd,
          },
          { ...provenance(event), detail: `invoice ${invoice.number ?? invoice.id} paid` },
        ),
        event,
      );
    }

    assertAmount(event, sub, { amountMinor: invoice.amountDue, currency: invoice.currency }, false);
    const row = await recordInvoice(tx, sub, invoice, 'open');
    const ref = `${invoice.id}:attempt:${invoice.attemptCount}`;
    if (!(await paymentsRepository.findByProviderRef(tx, ref))) {
      const reason = `The card could not be charged (attempt ${invoice.attemptCount}).`;
      const payment = await paymentsRepository.insert(tx, {
        id: randomUUID(),
        providerRef: ref,
        userId: sub.userId,
        subscriptionId: sub.id,
        invoiceId: row.id,
        status: 'failed',
        amountMinor: invoice.amountDue,
        currency: invoice.currency,
        reason,
        at: event.created,
        createdAt: now(),
      });
      await publishInTx(tx, billingEvents.paymentFailed({ ...payment, reason }, event.created));
    }
    return outcomeOf(
      await applySubscriptionFacts(
        tx,
        sub.id,
        sub.status === 'canceled' || sub.status === 'pending' ? {} : { status: 'past_due' },
        { ...provenance(event), detail: `invoice ${invoice.number ?? invoice.id} payment failed` },
      ),
      event,
    );
  }

  function handle(tx: Prisma.TransactionClient, event: ProviderEvent): Promise<Handled> {
    switch (event.object) {
      case 'checkout_session':
        return onCheckoutSession(tx, event);
      case 'subscription':
        return onSubscription(tx, event);
      case 'invoice':
        return onInvoice(tx, event);
      default:
        return Promise.resolve({ outcome: 'ignored', detail: `${event.type} needs nothing` });
    }
  }

  return {
    /**
     * Verifies and applies one webhook delivery. Throws WebhookSignatureInvalid (400) or
     * AmountMismatch (422) without any state change; anything else is a 5xx the provider retries.
     */
    async receive(rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
      let event: ProviderEvent;
      try {
        event = provider.verifyWebhook(rawBody, signature ?? '');
      } catch (err) {
        if (err instanceof WebhookSignatureInvalid) {
          const reason = String(err.extra?.reason ?? 'invalid');
          metrics.webhookRefused(REFUSAL_OF[reason] ?? 'bad_signature');
          log.warn({ reason }, 'webhook refused: signature');
        }
        throw err;
      }
      metrics.webhookVerified();
      const received: ReceivedEvent = {
        id: event.id,
        type: event.type,
        created: event.created,
        payload: rawBody.toString('utf8'),
        providerCustomerId: event.customerId,
      };
      try {
        // The checkout's trace continues here, so the events written below carry it.
        const outcome = await inCheckoutTrace(
          {
            name: 'billing.webhook',
            checkoutTraceparent: await checkoutTraceparentOf(db, event),
            attributes: {
              'billing.provider_event.id': event.id,
              'billing.provider_event.type': event.type,
            },
          },
          // Deliveries of one subscription's events arrive at once and lock the same rows: a
          // deadlock rolls the whole transaction back, and running it again is the fix.
          () =>
            retryOnConflict(() =>
              db.$transaction(async (tx): Promise<WebhookOutcome> => {
                // An erased customer's late events are kept without their payload (it may hold
                // an email). A locking read: an erasure in progress holds the customer row, so
                // this waits for it, and an erasure that starts later waits for this event.
                const erased =
                  event.customerId !== null &&
                  (await customersRepository.isErasedLocked(tx, event.customerId));
                const record = erased ? { ...received, payload: '{}' } : received;
                if (await events.recordAndLock(tx, record)) return 'duplicate';
                const handled = await handle(tx, event);
                await events.markProcessed(tx, event.id, handled.outcome, handled.detail, now());
                return handled.outcome;
              }),
            ),
        );
        if (outcome === 'duplicate') metrics.webhookRefused('replayed');
        log.info({ eventId: event.id, type: event.type, outcome }, 'webhook handled');
        return outcome;
      } catch (err) {
        if (err instanceof AmountMismatch) {
          metrics.amountMismatch('webhook');
          log.error(
            { eventId: event.id, type: event.type, ...err.extra },
            'webhook refused: amount or currency mismatch',
          );
          await events.markRefused(db, received, err.detail ?? err.title);
        }
        throw err;
      }
    },
  };
}
export type WebhooksService = ReturnType<typeof createWebhooksService>;
