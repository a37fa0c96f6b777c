import Stripe from 'stripe';
import { ProviderRequestRefused, ProviderUnavailable, WebhookSignatureInvalid } from './errors.js';
import type {
  CheckoutSessionRequest,
  PaymentProvider,
  ProviderCheckoutSession,
  ProviderEvent,
  ProviderInvoice,
  ProviderSubscription,
  ProviderSubscriptionStatus,
} from './types.js';

export interface StripeProviderConfig {
  host: string;
  port: number;
  protocol: 'http' | 'https';
  apiKey: string;
  webhookSecret: string;
  /** Oldest webhook signature timestamp accepted, in seconds (Stripe's default is 300). */
  webhookToleranceSeconds: number;
  timeoutMs: number;
  /** The clock the webhook timestamp is judged by (tests pass the sandbox's). */
  now?: () => Date;
}

const SUBSCRIPTION_STATUSES: ReadonlySet<string> = new Set([
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'incomplete',
  'incomplete_expired',
  'paused',
]);
const INVOICE_STATUSES: ReadonlySet<string> = new Set([
  'draft',
  'open',
  'paid',
  'uncollectible',
  'void',
]);

const fromUnix = (seconds: number): Date => new Date(seconds * 1000);
const fromUnixOrNull = (seconds: number | null | undefined): Date | null =>
  seconds === null || seconds === undefined ? null : fromUnix(seconds);
const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : value.id;

function toSubscription(sub: Stripe.Subscription): ProviderSubscription {
  // Since API 2025-03-31 the period lives on the items; billing sells one item per subscription.
  const item = sub.items.data[0];
  return {
    id: sub.id,
    customerId: idOf(sub.customer) ?? '',
    status: (SUBSCRIPTION_STATUSES.has(sub.status)
      ? sub.status
      : 'other') as ProviderSubscriptionStatus,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    currentPeriodStart: fromUnixOrNull(item?.current_period_start),
    currentPeriodEnd: fromUnixOrNull(item?.current_period_end),
    localSubscriptionId: sub.metadata.subscriptionId ?? null,
    priceMinor: item?.price.unit_amount ?? null,
    currency: sub.currency.toUpperCase(),
    endedAt: fromUnixOrNull(sub.ended_at),
    latestInvoiceId: idOf(sub.latest_invoice),
  };
}

function toInvoice(inv: Stripe.Invoice): ProviderInvoice {
  const details = inv.parent?.subscription_details ?? null;
  // The subscription's period is on the line, not on the invoice (whose period is the last one).
  const line = inv.lines.data[0];
  return {
    id: inv.id,
    number: inv.number,
    customerId: idOf(inv.customer),
    subscriptionId: idOf(details?.subscription),
    localSubscriptionId: details?.metadata?.subscriptionId ?? null,
    amountDue: inv.amount_due,
    amountPaid: inv.amount_paid,
    currency: inv.currency.toUpperCase(),
    status: (inv.status !== null && INVOICE_STATUSES.has(inv.status)
      ? inv.status
      : 'other') as ProviderInvoice['status'],
    periodStart: fromUnix(line?.period.start ?? inv.period_start),
    periodEnd: fromUnix(line?.period.end ?? inv.period_end),
    attemptCount: inv.attempt_count,
    created: fromUnix(inv.created),
    paidAt: fromUnixOrNull(inv.status_transitions.paid_at),
    description: line?.description ?? null,
  };
}

function toCheckoutSession(session: Stripe.Checkout.Session): ProviderCheckoutSession {
  const status: string | null = session.status;
  return {
    id: session.id,
    url: session.url,
    status:
      status === 'open'
        ? 'open'
        : status === 'complete'
          ? 'complete'
          : status === 'expired'
            ? 'expired'
            : 'other',
    paid: session.payment_status === 'paid' || session.payment_status === 'no_payment_required',
    customerId: idOf(session.customer),
    subscriptionId: idOf(session.subscription),
    localSubscriptionId: session.client_reference_id ?? session.metadata?.subscriptionId ?? null,
    amountTotal: session.amount_total,
    currency: session.currency?.toUpperCase() ?? null,
    expiresAt: fromUnix(session.expires_at),
  };
}

/** The event reduced to the object billing acts on; unknown objects are 'other'. */
export function toProviderEvent(event: Stripe.Event): ProviderEvent {
  const object: unknown = event.data.object;
  const base = { id: event.id, type: event.type, created: fromUnix(event.created) };
  const kind =
    typeof object === 'object' && object !== null && 'object' in object ? object.object : null;
  if (kind === 'checkout.session') {
    const session = toCheckoutSession(object as Stripe.Checkout.Session);
    return { ...base, customerId: session.customerId, object: 'checkout_session', session };
  }
  if (kind === 'subscription') {
    const subscription = toSubscription(object as Stripe.Subscription);
    return { ...base, customerId: subscription.customerId, object: 'subscription', subscription };
  }
  if (kind === 'invoice') {
    const invoice = toInvoice(object as Stripe.Invoice);
    return { ...base, customerId: invoice.customerId, object: 'invoice', invoice };
  }
  // A customer's own events name it by its id: they are that customer's too (erasure).
  const customerId =
    kind === 'customer' && 'id' in (object as object)
      ? String((object as { id: unknown }).id)
      : null;
  return { ...base, customerId, object: 'other' };
}

/** Connection problems, 5xx and rate limits may pass: ProviderUnavailable. The rest is a refusal. */
function translate(err: unknown): Error {
  if (err instanceof Stripe.errors.StripeError) {
    const status = err.statusCode ?? 0;
    if (
      err instanceof Stripe.errors.StripeConnectionError ||
      err instanceof Stripe.errors.StripeRateLimitError ||
      err instanceof Stripe.errors.StripeAPIError ||
      status >= 500 ||
      status === 0
    ) {
      return new ProviderUnavailable(err);
    }
    return new ProviderRequestRefused(`${err.type}: ${err.code ?? err.message}`, err);
  }
  return err instanceof Error ? err : new Error(String(err));
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    throw translate(err);
  }
}

const isMissing = (err: unknown): boolean =>
  err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404;

/** The Stripe adapter: API calls through the official SDK, webhooks verified by it. */
export function createStripeProvider(config: StripeProviderConfig): PaymentProvider {
  const stripe = new Stripe(config.apiKey, {
    host: config.host,
    port: config.port,
    protocol: config.protocol,
    timeout: config.timeoutMs,
    // The SDK retries network errors and 409/5xx answers with the same idempotency key.
    maxNetworkRetries: 2,
    telemetry: false,
  });

  return {
    createCustomer: ({ userId, email, name }, idempotencyKey) =>
      call(async () => {
        const customer = await stripe.customers.create(
          {
            ...(email === null ? {} : { email }),
            ...(name === null ? {} : { name }),
            metadata: { userId },
          },
          { idempotencyKey },
        );
        return { id: customer.id };
      }),

    async eraseCustomer(customerId) {
      try {
        await stripe.customers.update(customerId, {
          email: '',
          name: '',
          metadata: { userId: '' },
        });
        await stripe.customers.del(customerId);
      } catch (err) {
        // Already deleted at the provider: nothing of theirs is left there.
        if (isMissing(err)) return;
        throw translate(err);
      }
    },

    createCheckoutSession: (input: CheckoutSessionRequest, idempotencyKey) =>
      call(async () => {
        const metadata = { subscriptionId: input.localSubscriptionId, userId: input.userId };
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'subscription',
            customer: input.customerId,
            client_reference_id: input.localSubscriptionId,
            metadata,
            success_url: input.successUrl,
            cancel_url: input.cancelUrl,
            line_items: [
              {
                quantity: 1,
                price_data: {
                  // Stripe's currencies are lower case; billing's are ISO 4217 upper case.
                  currency: input.plan.currency.toLowerCase(),
                  unit_amount: input.plan.priceMinor,
                  recurring: { interval: input.plan.interval },
                  product_data: { name: input.plan.name, metadata: { planId: input.plan.id } },
                },
              },
            ],
            subscription_data: {
              metadata,
              ...(input.plan.trialDays > 0 ? { trial_period_days: input.plan.trialDays } : {}),
            },
          },
          { idempotencyKey },
        );
        return toCheckoutSession(session);
      }),

    getCheckoutSession: (id) =>
      call(async () => toCheckoutSession(await stripe.checkout.sessions.retrieve(id))),

    expireCheckoutSession: (id) =>
      call(async () => {
        try {
          return toCheckoutSession(await stripe.checkout.sessions.expire(id));
        } catch (err) {
          // Only an open session can be expired: any other is answered as it stands.
          if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 400) {
            return toCheckoutSession(await stripe.checkout.sessions.retrieve(id));
          }
          throw err;
        }
      }),

    getSubscription: (id) =>
      call(async () => toSubscription(await stripe.subscriptions.retrieve(id))),

    listSubscriptions: (customerId) =>
      call(async () => {
        const found: ProviderSubscription[] = [];
        for await (const sub of stripe.subscriptions.list({
          customer: customerId,
          status: 'all',
          limit: 100,
        })) {
          found.push(toSubscription(sub));
        }
        return found;
      }),

    setCancelAtPeriodEnd: (subscriptionId, cancel, idempotencyKey) =>
      call(async () =>
        toSubscription(
          await stripe.subscriptions.update(
            subscriptionId,
            { cancel_at_period_end: cancel },
            { idempotencyKey },
          ),
        ),
      ),

    async cancelNow(subscriptionId) {
      try {
        const sub = await stripe.subscriptions.retrieve(subscriptionId);
        if (sub.status === 'canceled' || sub.status === 'incomplete_expired') return;
        await stripe.subscriptions.cancel(subscriptionId, undefined, {
          idempotencyKey: `cancel-now-${subscriptionId}`,
        });
      } catch (err) {
        if (isMissing(err)) return;
        throw translate(err);
      }
    },

    getInvoice: (id) => call(async () => toInvoice(await stripe.invoices.retrieve(id))),

    verifyWebhook(rawBody, signature) {
      if (signature === '') throw new WebhookSignatureInvalid('missing');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          rawBody,
          signature,
          config.webhookSecret,
          config.webhookToleranceSeconds,
          undefined,
          config.now?.().getTime(),
        );
      } catch (err) {
        if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
          if (/tolerance/i.test(err.message)) throw new WebhookSignatureInvalid('stale');
          if (/extract timestamp|expected scheme/i.test(err.message))
            throw new WebhookSignatureInvalid('malformed');
          throw new WebhookSignatureInvalid('invalid');
        }
        // A correctly signed body that is not JSON: still refused, never acted on.
        throw new WebhookSignatureInvalid('malformed');
      }
      return toProviderEvent(event);
    },
  };
}
