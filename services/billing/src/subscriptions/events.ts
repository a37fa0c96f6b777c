import { createEvent, type CloudEvent } from '@kavosh/messaging';
import type {
  BillingPaymentFailedV1Data,
  BillingPaymentSucceededV1Data,
  BillingSubscriptionActivatedV1Data,
  BillingSubscriptionCanceledV1Data,
  BillingSubscriptionExpiredV1Data,
} from '@kavosh/contracts';

const SOURCE = '/kavosh/billing';

/** The money fields of the payment events: minor units and an upper-case ISO 4217 code. */
const money = (amountMinor: number, currency: string) => ({
  amountMinor,
  currency: currency.toUpperCase(),
});

export const billingEvents = {
  activated: (
    s: { id: string; userId: string; planId: string; currentPeriodEnd: Date },
    at: Date,
    traceparent?: string,
  ): CloudEvent<BillingSubscriptionActivatedV1Data> =>
    createEvent({
      type: 'billing.subscription.activated.v1',
      source: SOURCE,
      subject: s.id,
      time: at,
      traceparent,
      data: {
        subscriptionId: s.id,
        userId: s.userId,
        planId: s.planId,
        tier: 'premium',
        currentPeriodEnd: s.currentPeriodEnd.toISOString(),
        activatedAt: at.toISOString(),
      },
    }),
  canceled: (
    s: { id: string; userId: string },
    endsAt: Date,
    at: Date,
    traceparent?: string,
  ): CloudEvent<BillingSubscriptionCanceledV1Data> =>
    createEvent({
      type: 'billing.subscription.canceled.v1',
      source: SOURCE,
      subject: s.id,
      time: at,
      traceparent,
      data: {
        subscriptionId: s.id,
        userId: s.userId,
        canceledAt: at.toISOString(),
        endsAt: endsAt.toISOString(),
      },
    }),
  expired: (
    s: { id: string; userId: string },
    at: Date,
    traceparent?: string,
  ): CloudEvent<BillingSubscriptionExpiredV1Data> =>
    createEvent({
      type: 'billing.subscription.expired.v1',
      source: SOURCE,
      subject: s.id,
      time: at,
      traceparent,
      data: { subscriptionId: s.id, userId: s.userId, expiredAt: at.toISOString() },
    }),
  paymentSucceeded: (
    p: {
      id: string;
      userId: string;
      subscriptionId: string | null;
      invoiceId: string;
      amountMinor: number;
      currency: string;
    },
    at: Date,
    traceparent?: string,
  ): CloudEvent<BillingPaymentSucceededV1Data> =>
    createEvent({
      type: 'billing.payment.succeeded.v1',
      source: SOURCE,
      subject: p.id,
      time: at,
      traceparent,
      data: {
        paymentId: p.id,
        userId: p.userId,
        subscriptionId: p.subscriptionId,
        invoiceId: p.invoiceId,
        amount: money(p.amountMinor, p.currency),
        paidAt: at.toISOString(),
      },
    }),
  paymentFailed: (
    p: {
      id: string;
      userId: string;
      subscriptionId: string | null;
      amountMinor: number;
      currency: string;
      reason: string;
    },
    at: Date,
    traceparent?: string,
  ): CloudEvent<BillingPaymentFailedV1Data> =>
    createEvent({
      type: 'billing.payment.failed.v1',
      source: SOURCE,
      subject: p.id,
      time: at,
      traceparent,
      data: {
        paymentId: p.id,
        userId: p.userId,
        subscriptionId: p.subscriptionId,
        amount: money(p.amountMinor, p.currency),
        reason: p.reason,
        failedAt: at.toISOString(),
      },
    }),
};
