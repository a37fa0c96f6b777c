import { chargeSucceeds } from '../cards.js';
import { representSession } from '../checkout/representation.js';
import { DAY_SECONDS } from '../constants.js';
import { newId } from '../ids.js';
import { representInvoice } from '../invoices/representation.js';
import type { EventCause, Sandbox } from '../sandbox.js';
import type {
  CheckoutSessionRecord,
  CustomerRecord,
  InvoiceRecord,
  PriceRecord,
  SubscriptionRecord,
} from '../state.js';
import { representSubscription } from './representation.js';

/** `from` plus `count` intervals in UTC; a month from Jan 31 ends on the last day of February. */
export function addInterval(
  from: number,
  interval: PriceRecord['interval'],
  count: number,
): number {
  if (interval === 'day') return from + count * DAY_SECONDS;
  if (interval === 'week') return from + count * 7 * DAY_SECONDS;
  const date = new Date(from * 1000);
  const months = interval === 'month' ? count : count * 12;
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return Math.floor(date.getTime() / 1000);
}

/**
 * The first period boundary after `after`, counted from the billing cycle anchor so a subscription
 * started on the 31st returns to the 31st after February, as at Stripe.
 */
export function nextPeriodEnd(anchor: number, after: number, price: PriceRecord): number {
  // Start from an underestimate (the longest month and year) and step on to the boundary.
  const approximate = { day: 1, week: 7, month: 31, year: 366 }[price.interval] * DAY_SECONDS;
  const skipped = Math.floor((after - anchor) / (approximate * price.intervalCount));
  for (let periods = Math.max(1, skipped - 1); ; periods++) {
    const end = addInterval(anchor, price.interval, price.intervalCount * periods);
    if (end > after) return end;
  }
}

const emitSubscription = (
  sandbox: Sandbox,
  type: string,
  subscription: SubscriptionRecord,
  cause: EventCause,
  previous?: Record<string, unknown>,
) => sandbox.emit(type, representSubscription(subscription), cause, previous);

const emitInvoice = (sandbox: Sandbox, type: string, invoice: InvoiceRecord, cause: EventCause) =>
  sandbox.emit(type, representInvoice(invoice, sandbox.config.publicUrl), cause);

/** The fields of a subscription's period and status as `previous_attributes` names them. */
function periodSnapshot(subscription: SubscriptionRecord): Record<string, unknown> {
  const represented = representSubscription(subscription);
  return { items: represented.items, latest_invoice: represented.latest_invoice };
}

function createInvoice(
  sandbox: Sandbox,
  subscription: SubscriptionRecord,
  customer: CustomerRecord,
  billingReason: InvoiceRecord['billingReason'],
  amount: number,
): InvoiceRecord {
  const now = sandbox.clock.now();
  const item = subscription.item;
  const price = item.price;
  const sequence = customer.nextInvoiceSequence;
  customer.nextInvoiceSequence += 1;
  const invoice: InvoiceRecord = {
    id: newId('in'),
    created: now,
    customer: customer.id,
    customerEmail: customer.email,
    customerName: customer.name,
    subscription: subscription.id,
    subscriptionMetadata: { ...subscription.metadata },
    number: `${customer.invoicePrefix}-${String(sequence).padStart(4, '0')}`,
    status: 'draft',
    billingReason,
    currency: price.currency,
    amountDue: amount,
    amountPaid: 0,
    // Like Stripe, the invoice's own period is the one it closes; the line carries the period it
    // pays for (the subscription's new current period).
    periodStart: billingReason === 'subscription_create' ? now : item.currentPeriodStart,
    periodEnd: now,
    line: {
      id: newId('il'),
      amount,
      description:
        subscription.status === 'trialing' && amount === 0
          ? `Trial period for ${price.productName}`
          : `${item.quantity} × ${price.productName} (at ${(price.unitAmount / 100).toFixed(2)} ${price.currency.toUpperCase()} / ${price.interval})`,
      price,
      quantity: item.quantity,
      subscriptionItem: item.id,
      periodStart: item.currentPeriodStart,
      periodEnd: item.currentPeriodEnd,
    },
    attemptCount: 0,
    nextPaymentAttempt: null,
    finalizedAt: null,
    paidAt: null,
    payments: [],
  };
  sandbox.state.invoices.set(invoice.id, invoice);
  subscription.latestInvoice = invoice.id;
  return invoice;
}

/** `invoice.created` as a draft, then finalized to `open` with its number. */
function finalizeInvoice(sandbox: Sandbox, invoice: InvoiceRecord, cause: EventCause): void {
  emitInvoice(sandbox, 'invoice.created', invoice, cause);
  invoice.status = 'open';
  invoice.finalizedAt = sandbox.clock.now();
  emitInvoice(sandbox, 'invoice.finalized', invoice, cause);
}

function markPaid(sandbox: Sandbox, invoice: InvoiceRecord, cause: EventCause): void {
  const now = sandbox.clock.now();
  invoice.status = 'paid';
  invoice.amountPaid = invoice.amountDue;
  invoice.paidAt = now;
  invoice.nextPaymentAttempt = null;
  const payment = invoice.payments[0];
  if (payment) {
    payment.status = 'paid';
    payment.paidAt = now;
  }
  emitInvoice(sandbox, 'invoice.paid', invoice, cause);
  emitInvoice(sandbox, 'invoice.payment_succeeded', invoice, cause);
}

/**
 * One automatic charge of an open invoice with the customer's card. A zero invoice is paid
 * without a charge. On failure the next retry is scheduled from the first failure at the
 * configured day offsets; after the last one the subscription is canceled.
 */
function attemptPayment(
  sandbox: Sandbox,
  invoice: InvoiceRecord,
  subscription: SubscriptionRecord,
  cause: EventCause,
  /** The checkout page already charged the card it was given. */
  chargedAtCheckout = false,
): boolean {
  const now = sandbox.clock.now();
  if (invoice.amountDue === 0) {
    markPaid(sandbox, invoice, cause);
    return true;
  }
  const customer = sandbox.state.customers.get(invoice.customer);
  invoice.attemptCount += 1;
  if (invoice.payments.length === 0) {
    invoice.payments.push({
      id: newId('inpay'),
      paymentIntentId: newId('pi'),
      created: now,
      amount: invoice.amountDue,
      status: 'open',
      paidAt: null,
    });
  }
  if (chargedAtCheckout || chargeSucceeds(customer?.card ?? null)) {
    markPaid(sandbox, invoice, cause);
    return true;
  }
  const retryDays = sandbox.config.retryDays;
  const failedAttempts = invoice.attemptCount;
  const firstFailure = invoice.finalizedAt ?? now;
  const nextRetryDays = retryDays[failedAttempts - 1];
  invoice.nextPaymentAttempt =
    nextRetryDays === undefined ? null : firstFailure + Math.round(nextRetryDays * DAY_SECONDS);
  emitInvoice(sandbox, 'invoice.payment_failed', invoice, cause);
  if (invoice.nextPaymentAttempt === null) {
    // Stripe's "cancel the subscription if all retries fail" setting.
    cancelNow(sandbox, subscription, 'payment_failed', null);
  } else if (subscription.status !== 'past_due') {
    const previousStatus = subscription.status;
    subscription.status = 'past_due';
    emitSubscription(sandbox, 'customer.subscription.updated', subscription, cause, {
      status: previousStatus,
    });
  }
  return false;
}

/**
 * What paying a checkout session creates, in the order Stripe sends it: the subscription
 * (trialing, or active), its first invoice (zero during a trial) created, finalized and paid, then
 * the completed session.
 */
export function subscribeFromCheckout(
  sandbox: Sandbox,
  session: CheckoutSessionRecord,
  customer: CustomerRecord,
  cause: EventCause,
): { subscription: SubscriptionRecord; invoice: InvoiceRecord } {
  const now = sandbox.clock.now();
  const price = session.price;
  const trialEnd =
    session.trialPeriodDays === null ? null : now + session.trialPeriodDays * DAY_SECONDS;
  const subscription: SubscriptionRecord = {
    id: newId('sub'),
    created: now,
    customer: customer.id,
    status: trialEnd === null ? 'active' : 'trialing',
    item: {
      id: newId('si'),
      created: now,
      price,
      quantity: session.quantity,
      currentPeriodStart: now,
      currentPeriodEnd: trialEnd ?? addInterval(now, price.interval, price.intervalCount),
    },
    metadata: { ...session.subscriptionMetadata },
    cancelAtPeriodEnd: false,
    cancelAt: null,
    canceledAt: null,
    endedAt: null,
    cancellationReason: null,
    trialStart: trialEnd === null ? null : now,
    trialEnd,
    startDate: now,
    billingCycleAnchor: trialEnd ?? now,
    latestInvoice: null,
    defaultPaymentMethod: customer.card?.paymentMethodId ?? null,
  };
  sandbox.state.subscriptions.set(subscription.id, subscription);
  emitSubscription(sandbox, 'customer.subscription.created', subscription, cause);
  const amount = trialEnd === null ? price.unitAmount * session.quantity : 0;
  const invoice = createInvoice(sandbox, subscription, customer, 'subscription_create', amount);
  finalizeInvoice(sandbox, invoice, cause);
  attemptPayment(sandbox, invoice, subscription, cause, true);
  return { subscription, invoice };
}

/** Cancels at once: Stripe's `DELETE /v1/subscriptions/:id`, and the end of failed retries. */
export function cancelNow(
  sandbox: Sandbox,
  subscription: SubscriptionRecord,
  reason: 'cancellation_requested' | 'payment_failed',
  cause: EventCause,
): void {
  const now = sandbox.clock.now();
  subscription.status = 'canceled';
  subscription.canceledAt = subscription.canceledAt ?? now;
  subscription.endedAt = now;
  subscription.cancellationReason = reason;
  // No more automatic retries once the subscription is gone.
  for (const invoice of sandbox.state.invoices.values()) {
    if (invoice.subscription === subscription.id) invoice.nextPaymentAttempt = null;
  }
  emitSubscription(sandbox, 'customer.subscription.deleted', subscription, cause);
}

/**
 * The end of a period (or trial): a subscription set to cancel ends; otherwise it moves to the
 * next period, bills it and charges the card.
 */
function closePeriod(sandbox: Sandbox, subscription: SubscriptionRecord): void {
  const item = subscription.item;
  if (subscription.cancelAt !== null && subscription.cancelAt <= item.currentPeriodEnd) {
    cancelNow(sandbox, subscription, 'cancellation_requested', null);
    return;
  }
  const customer = sandbox.state.customers.get(subscription.customer);
  if (!customer) return;
  const previous: Record<string, unknown> = periodSnapshot(subscription);
  const periodStart = item.currentPeriodEnd;
  item.currentPeriodStart = periodStart;
  item.currentPeriodEnd = nextPeriodEnd(subscription.billingCycleAnchor, periodStart, item.price);
  if (subscription.status === 'trialing') {
    previous.status = 'trialing';
    subscription.status = 'active';
  }
  // Stripe reports the new period (with the new invoice as latest_invoice), then the invoice.
  const invoice = createInvoice(
    sandbox,
    subscription,
    customer,
    'subscription_cycle',
    item.price.unitAmount * item.quantity,
  );
  emitSubscription(sandbox, 'customer.subscription.updated', subscription, null, previous);
  finalizeInvoice(sandbox, invoice, null);
  attemptPayment(sandbox, invoice, subscription, null);
}

/** A scheduled retry of a failed invoice payment. */
function retryPayment(sandbox: Sandbox, invoice: InvoiceRecord): void {
  const subscription = sandbox.state.subscriptions.get(invoice.subscription);
  if (!subscription || subscription.status === 'canceled') {
    invoice.nextPaymentAttempt = null;
    return;
  }
  const paid = attemptPayment(sandbox, invoice, subscription, null);
  if (paid && subscription.status === 'past_due') {
    const stillOpen = [...sandbox.state.invoices.values()].some(
      (other) => other.subscription === subscription.id && other.status === 'open',
    );
    if (!stillOpen) {
      subscription.status = 'active';
      emitSubscription(sandbox, 'customer.subscription.updated', subscription, null, {
        status: 'past_due',
      });
    }
  }
}

interface DueWork {
  at: number;
  /** Lower runs first among work due at the same second. */
  rank: number;
  run: () => void;
}

function nextDue(sandbox: Sandbox): DueWork | undefined {
  let next: DueWork | undefined;
  const consider = (work: DueWork) => {
    if (!next || work.at < next.at || (work.at === next.at && work.rank < next.rank)) next = work;
  };
  for (const invoice of sandbox.state.invoices.values()) {
    if (invoice.status === 'open' && invoice.nextPaymentAttempt !== null) {
      consider({
        at: invoice.nextPaymentAttempt,
        rank: 0,
        run: () => retryPayment(sandbox, invoice),
      });
    }
  }
  for (const subscription of sandbox.state.subscriptions.values()) {
    if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired')
      continue;
    const end = subscription.item.currentPeriodEnd;
    const at = subscription.cancelAt !== null ? Math.min(subscription.cancelAt, end) : end;
    consider({ at, rank: 1, run: () => closePeriod(sandbox, subscription) });
  }
  for (const session of sandbox.state.sessions.values()) {
    if (session.status === 'open') {
      consider({
        at: session.expiresAt,
        rank: 2,
        run: () => expireSession(sandbox, session, null),
      });
    }
  }
  return next;
}

export function expireSession(
  sandbox: Sandbox,
  session: CheckoutSessionRecord,
  cause: EventCause,
): void {
  session.status = 'expired';
  sandbox.emit(
    'checkout.session.expired',
    representSession(session, sandbox.config.publicUrl),
    cause,
  );
}

/** Safety stop for a walk that would otherwise never end (a daily price walked for decades). */
const MAX_STEPS_PER_ADVANCE = 100_000;

/**
 * Walks the clock forward to `target`, stopping at every moment something is due (trial ends,
 * renewals, payment retries, cancellations at period end, session expiry) in time order.
 */
export function walkClockTo(sandbox: Sandbox, target: number): number {
  let steps = 0;
  for (;;) {
    const work = nextDue(sandbox);
    if (!work || work.at > target) break;
    if (++steps > MAX_STEPS_PER_ADVANCE) break;
    sandbox.clock.moveTo(work.at);
    work.run();
  }
  sandbox.clock.moveTo(target);
  return steps;
}
