// The payment provider as billing sees it: provider-neutral shapes, so the lifecycle rules never
// depend on one provider's SDK types. `stripe.ts` is the one implementation. Currencies are ISO
// 4217 upper case here, whatever the provider's wire format.

/** A subscription at the provider (Stripe's statuses; `other` for any status billing ignores). */
export interface ProviderSubscription {
  id: string;
  customerId: string;
  status: ProviderSubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  /** Billing's subscription id, from the metadata billing set at checkout. */
  localSubscriptionId: string | null;
  priceMinor: number | null;
  currency: string;
  endedAt: Date | null;
  /** The invoice of the current period (a renewal's, once the period moved), if any. */
  latestInvoiceId: string | null;
}

export type ProviderSubscriptionStatus =
  | 'trialing'
  | 'active'
  | 'past_due'
  | 'canceled'
  | 'unpaid'
  | 'incomplete'
  | 'incomplete_expired'
  | 'paused'
  | 'other';

export interface ProviderInvoice {
  id: string;
  number: string | null;
  customerId: string | null;
  subscriptionId: string | null;
  /** Billing's subscription id, from the subscription metadata snapshot on the invoice. */
  localSubscriptionId: string | null;
  amountDue: number;
  amountPaid: number;
  currency: string;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void' | 'other';
  periodStart: Date;
  periodEnd: Date;
  attemptCount: number;
  created: Date;
  paidAt: Date | null;
  description: string | null;
}

export interface ProviderCheckoutSession {
  id: string;
  url: string | null;
  status: 'open' | 'complete' | 'expired' | 'other';
  paid: boolean;
  customerId: string | null;
  subscriptionId: string | null;
  /** Billing's subscription id (client_reference_id). */
  localSubscriptionId: string | null;
  amountTotal: number | null;
  currency: string | null;
  expiresAt: Date;
}

interface EventBase {
  id: string;
  type: string;
  /** The provider's time of the fact (seconds precision at Stripe). */
  created: Date;
  customerId: string | null;
}

/** A verified webhook event, reduced to the object billing acts on. */
export type ProviderEvent =
  | (EventBase & { object: 'checkout_session'; session: ProviderCheckoutSession })
  | (EventBase & { object: 'subscription'; subscription: ProviderSubscription })
  | (EventBase & { object: 'invoice'; invoice: ProviderInvoice })
  | (EventBase & { object: 'other' });

export interface CheckoutSessionRequest {
  customerId: string;
  /** Billing's subscription id: client_reference_id and metadata of the session and subscription. */
  localSubscriptionId: string;
  userId: string;
  plan: {
    id: string;
    name: string;
    priceMinor: number;
    currency: string;
    interval: 'month' | 'year';
    trialDays: number;
  };
  successUrl: string;
  cancelUrl: string;
  traceparent?: string;
}

/** What billing asks of a payment provider. Every call may throw ProviderUnavailable. */
export interface PaymentProvider {
  /** Creates the customer; the same idempotency key never creates a second one. */
  createCustomer(
    input: { userId: string; email: string | null; name: string | null },
    idempotencyKey: string,
  ): Promise<{ id: string }>;
  /** Removes the customer's personal data at the provider (name, email), then deletes it. */
  eraseCustomer(customerId: string): Promise<void>;
  createCheckoutSession(
    input: CheckoutSessionRequest,
    idempotencyKey: string,
  ): Promise<ProviderCheckoutSession>;
  getCheckoutSession(id: string): Promise<ProviderCheckoutSession>;
  /**
   * Closes an open session so it can no longer be paid; answers the session as it ends up (a
   * session already paid or expired is returned as it is, not an error).
   */
  expireCheckoutSession(id: string): Promise<ProviderCheckoutSession>;
  getSubscription(id: string): Promise<ProviderSubscription>;
  /** Every subscription of a customer, any status (follows the provider's pagination). */
  listSubscriptions(customerId: string): Promise<ProviderSubscription[]>;
  setCancelAtPeriodEnd(
    subscriptionId: string,
    cancel: boolean,
    idempotencyKey: string,
  ): Promise<ProviderSubscription>;
  /** Cancels now; a subscription already canceled (or gone) is not an error. */
  cancelNow(subscriptionId: string): Promise<void>;
  getInvoice(id: string): Promise<ProviderInvoice>;
  /** Checks the signature and its timestamp; throws WebhookSignatureInvalid. */
  verifyWebhook(rawBody: Buffer | string, signature: string): ProviderEvent;
}
