/**
 * The sandbox's in-memory records. They stand for data at an external provider, so they live only
 * as long as the process. Records hold what the sandbox needs; each feature's `representation.ts`
 * turns them into the exact object shapes of the Stripe API version the SDK pins.
 */

export type CardOutcome = 'succeeds' | 'declines' | 'attaches_then_fails';

export interface StoredCard {
  /** The payment method id Stripe would have created for the card. */
  paymentMethodId: string;
  last4: string;
  brand: string;
  outcome: CardOutcome;
  /** Stripe's decline code when a charge on this card fails. */
  declineCode: string;
}

export interface CustomerRecord {
  id: string;
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Record<string, string>;
  invoicePrefix: string;
  nextInvoiceSequence: number;
  card: StoredCard | null;
  deleted: boolean;
}

/** A recurring price as `line_items[][price_data]` creates it inline. */
export interface PriceRecord {
  id: string;
  productId: string;
  productName: string;
  created: number;
  currency: string;
  unitAmount: number;
  interval: 'day' | 'week' | 'month' | 'year';
  intervalCount: number;
}

export interface CheckoutSessionRecord {
  id: string;
  created: number;
  expiresAt: number;
  customer: string | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  successUrl: string | null;
  cancelUrl: string | null;
  price: PriceRecord;
  quantity: number;
  trialPeriodDays: number | null;
  subscriptionMetadata: Record<string, string>;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  subscription: string | null;
  invoice: string | null;
}

export type SubscriptionStatus =
  'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'incomplete' | 'incomplete_expired';

export interface SubscriptionItemRecord {
  id: string;
  created: number;
  price: PriceRecord;
  quantity: number;
  currentPeriodStart: number;
  currentPeriodEnd: number;
}

export interface SubscriptionRecord {
  id: string;
  created: number;
  customer: string;
  status: SubscriptionStatus;
  item: SubscriptionItemRecord;
  metadata: Record<string, string>;
  cancelAtPeriodEnd: boolean;
  cancelAt: number | null;
  canceledAt: number | null;
  endedAt: number | null;
  cancellationReason: 'cancellation_requested' | 'payment_failed' | null;
  trialStart: number | null;
  trialEnd: number | null;
  startDate: number;
  billingCycleAnchor: number;
  latestInvoice: string | null;
  defaultPaymentMethod: string | null;
}

export interface InvoicePaymentRecord {
  id: string;
  paymentIntentId: string;
  created: number;
  amount: number;
  status: 'open' | 'paid' | 'canceled';
  paidAt: number | null;
}

export interface InvoiceRecord {
  id: string;
  created: number;
  customer: string;
  customerEmail: string | null;
  customerName: string | null;
  subscription: string;
  subscriptionMetadata: Record<string, string>;
  number: string;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  billingReason: 'subscription_create' | 'subscription_cycle';
  currency: string;
  amountDue: number;
  amountPaid: number;
  periodStart: number;
  periodEnd: number;
  line: {
    id: string;
    amount: number;
    description: string;
    price: PriceRecord;
    quantity: number;
    subscriptionItem: string;
    periodStart: number;
    periodEnd: number;
  };
  attemptCount: number;
  /** When the next automatic retry of a failed payment is due; null when none is scheduled. */
  nextPaymentAttempt: number | null;
  finalizedAt: number | null;
  paidAt: number | null;
  payments: InvoicePaymentRecord[];
}

export interface EventRecord {
  id: string;
  type: string;
  created: number;
  /** A snapshot of the object at the time of the event, as Stripe sends it. */
  object: unknown;
  previousAttributes: Record<string, unknown> | undefined;
  request: { id: string | null; idempotency_key: string | null } | null;
}

export interface WebhookEndpointRecord {
  id: string;
  created: number;
  url: string;
  secret: string;
  enabledEvents: string[];
  apiVersion: string | null;
  description: string | null;
  metadata: Record<string, string>;
}

/** Insertion-ordered maps: lists answer newest first by walking them backwards. */
export class SandboxState {
  readonly customers = new Map<string, CustomerRecord>();
  readonly sessions = new Map<string, CheckoutSessionRecord>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  readonly invoices = new Map<string, InvoiceRecord>();
  readonly events = new Map<string, EventRecord>();
  readonly webhookEndpoints = new Map<string, WebhookEndpointRecord>();

  counts() {
    return {
      customers: [...this.customers.values()].filter((customer) => !customer.deleted).length,
      sessions: this.sessions.size,
      subscriptions: this.subscriptions.size,
      invoices: this.invoices.size,
      events: this.events.size,
      webhookEndpoints: this.webhookEndpoints.size,
    };
  }
}
