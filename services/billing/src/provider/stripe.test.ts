import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createStripeProvider } from './stripe.js';

const secret = 'whsec_unit_test_secret_0123456789';
const provider = createStripeProvider({
  host: '127.0.0.1',
  port: 9,
  protocol: 'http',
  apiKey: 'sk_test_unit',
  webhookSecret: secret,
  webhookToleranceSeconds: 300,
  timeoutMs: 1000,
});
const stripe = new Stripe('sk_test_unit');
const now = Math.floor(Date.now() / 1000);
const body = JSON.stringify({
  id: 'evt_1',
  object: 'event',
  api_version: '2026-11-18.endive',
  created: now,
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type: 'customer.subscription.updated',
  data: {
    object: {
      id: 'sub_1',
      object: 'subscription',
      customer: 'cus_1',
      status: 'active',
      cancel_at_period_end: false,
      currency: 'eur',
      ended_at: null,
      metadata: { subscriptionId: '6f1c1f0e-8d5f-4a53-9a55-0c9d9c2f6f10' },
      items: {
        object: 'list',
        data: [
          {
            id: 'si_1',
            object: 'subscription_item',
            current_period_start: now,
            current_period_end: now + 30 * 86400,
            price: { id: 'price_1', object: 'price', unit_amount: 999, currency: 'eur' },
          },
        ],
      },
    },
  },
});
const sign = (payload: string, opts: { secret?: string; timestamp?: number } = {}) =>
  stripe.webhooks.generateTestHeaderString({
    payload,
    secret: opts.secret ?? secret,
    timestamp: opts.timestamp ?? now,
  });

describe('Stripe provider verifyWebhook', () => {
  it('accepts a correctly signed event and reduces it to the subscription billing acts on', () => {
    const event = provider.verifyWebhook(Buffer.from(body), sign(body));
    expect(event).toMatchObject({
      id: 'evt_1',
      type: 'customer.subscription.updated',
      customerId: 'cus_1',
      object: 'subscription',
      subscription: {
        id: 'sub_1',
        status: 'active',
        localSubscriptionId: '6f1c1f0e-8d5f-4a53-9a55-0c9d9c2f6f10',
        priceMinor: 999,
        currency: 'EUR',
        currentPeriodEnd: new Date((now + 30 * 86400) * 1000),
      },
    });
  });

  it('refuses a missing, malformed, wrongly signed, altered or stale signature', () => {
    const reasonOf = (payload: string, signature: string) => {
      try {
        provider.verifyWebhook(payload, signature);
        return 'accepted';
      } catch (err) {
        return (err as { code: string; extra: { reason: string } }).extra.reason;
      }
    };
    expect(reasonOf(body, '')).toBe('missing');
    expect(reasonOf(body, 'nonsense')).toBe('malformed');
    expect(reasonOf(body, sign(body, { secret: 'whsec_another_secret_entirely' }))).toBe('invalid');
    expect(reasonOf(body.replace('"active"', '"canceled"'), sign(body))).toBe('invalid');
    expect(reasonOf(body, sign(body, { timestamp: now - 301 }))).toBe('stale');
  });
});
