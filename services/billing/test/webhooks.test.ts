import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { createDatabase, type Database } from '../src/db.js';
import { applySubscriptionFacts } from '../src/subscriptions/lifecycle.js';
import { callerWith, type Caller } from './fixtures.js';
import { startBillingWithSandbox, type BillingWithSandbox } from './helper.js';

const stripe = new Stripe('sk_test_unused');
const nowSeconds = () => Math.floor(Date.now() / 1000);

// Webhooks billing receives that the provider did not send as they are: forged, stale, replayed,
// or stating other amounts. None may change any state.
describe('POST /webhooks/provider', () => {
  let env: BillingWithSandbox;
  let app: KavoshApp;
  let db: Database;
  let admin: Caller;
  let planId: string;

  beforeAll(async () => {
    env = await startBillingWithSandbox();
    app = env.billing.app;
    db = createDatabase(env.billing.databaseUrl);
    admin = await callerWith(['admin']);
    planId = (
      await app.inject({
        method: 'POST',
        url: '/plans',
        headers: admin.headers,
        payload: { name: 'Monthly', priceMinor: 999, currency: 'EUR', interval: 'month' },
      })
    ).json<{ id: string }>().id;
  }, 60_000);
  afterAll(async () => {
    await db?.$disconnect();
    await env?.close();
  });

  /** A user with an active subscription, paid through the sandbox. */
  async function activeSubscription() {
    const user = await callerWith(['user']);
    const res = await app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { ...user.headers, 'idempotency-key': randomUUID() },
      payload: { planId },
    });
    const { subscriptionId } = res.json<{ subscriptionId: string }>();
    const pending = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    await env.sandbox.pay(pending.providerCheckoutSessionId ?? '', '4242424242424242');
    await eventually(
      async () =>
        expect(
          (await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).status,
        ).toBe('active'),
      { within: 20_000 },
    );
    return db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
  }

  type Row = Awaited<ReturnType<typeof activeSubscription>>;

  const eventBody = (type: string, object: Record<string, unknown>, id = `evt_${randomUUID()}`) =>
    JSON.stringify({
      id,
      object: 'event',
      api_version: '2026-11-18.endive',
      created: nowSeconds() + 10 * 365 * 86_400, // newer than anything the sandbox said
      livemode: false,
      pending_webhooks: 1,
      request: null,
      type,
      data: { object },
    });

  const deletedSubscription = (row: Row) => ({
    id: row.providerSubscriptionId,
    object: 'subscription',
    customer: row.providerCustomerId,
    status: 'canceled',
    cancel_at_period_end: false,
    currency: 'eur',
    ended_at: nowSeconds(),
    metadata: { subscriptionId: row.id },
    items: {
      object: 'list',
      data: [
        {
          id: 'si_x',
          object: 'subscription_item',
          current_period_start: nowSeconds(),
          current_period_end: nowSeconds() + 30 * 86_400,
          price: { id: 'price_x', object: 'price', unit_amount: 999, currency: 'eur' },
        },
      ],
    },
  });

  const paidInvoice = (row: Row, amount: number, currency = 'eur') => ({
    id: `in_${randomUUID()}`,
    object: 'invoice',
    number: 'FORGED-1',
    customer: row.providerCustomerId,
    parent: {
      type: 'subscription_details',
      subscription_details: { subscription: row.providerSubscriptionId, metadata: {} },
    },
    amount_due: amount,
    amount_paid: amount,
    currency,
    status: 'paid',
    attempt_count: 1,
    created: nowSeconds(),
    period_start: nowSeconds(),
    period_end: nowSeconds(),
    status_transitions: { paid_at: nowSeconds() },
    lines: {
      object: 'list',
      data: [
        {
          id: 'il_x',
          object: 'line_item',
          description: 'Monthly',
          period: { start: nowSeconds(), end: nowSeconds() + 400 * 86_400 },
        },
      ],
    },
  });

  const post = (body: string, signature?: string) =>
    app.inject({
      method: 'POST',
      url: '/webhooks/provider',
      headers: {
        'content-type': 'application/json',
        ...(signature === undefined ? {} : { 'stripe-signature': signature }),
      },
      payload: body,
    });

  const sign = (body: string, opts: { secret?: string; timestamp?: number } = {}) =>
    stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: opts.secret ?? env.webhookSecret,
      timestamp: opts.timestamp ?? nowSeconds(),
    });

  async function stateOf(row: Row) {
    const sub = await db.subscription.findUniqueOrThrow({ where: { id: row.id } });
    return {
      status: sub.status,
      currentPeriodEnd: sub.currentPeriodEnd,
      outbox: await db.outboxEvent.count(),
      invoices: await db.invoice.count({ where: { subscriptionId: row.id } }),
      changes: await db.subscriptionChange.count({ where: { subscriptionId: row.id } }),
    };
  }

  it('refuses a missing, forged, altered or stale signature with 400 and changes nothing', async () => {
    const row = await activeSubscription();
    const before = await stateOf(row);
    const id = `evt_${randomUUID()}`;
    const body = eventBody('customer.subscription.deleted', deletedSubscription(row), id);
    const attempts = [
      { signature: undefined, reason: 'missing' },
      { signature: 'not-a-signature', reason: 'malformed' },
      { signature: sign(body, { secret: 'whsec_someone_else_entirely_0000' }), reason: 'invalid' },
      { signature: sign(body.replace('"canceled"', '"active"')), reason: 'invalid' },
      { signature: sign(body, { timestamp: nowSeconds() - 301 }), reason: 'stale' },
    ];
    for (const { signature, reason } of attempts) {
      const res = await post(body, signature);
      expect(res.statusCode, reason).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID', reason });
    }
    expect(await stateOf(row)).toEqual(before);
    expect(await db.providerEvent.findUnique({ where: { id } })).toBeNull();
    const metrics = await app.metrics.metrics();
    expect(metrics).toMatch(/billing_webhooks_total\{outcome="refused",reason="bad_signature"\} 2/);
    expect(metrics).toMatch(
      /billing_webhooks_total\{outcome="refused",reason="stale_timestamp"\} 1/,
    );

    // The very same body, signed by the provider's secret, is what ends the subscription.
    const genuine = await post(body, sign(body));
    expect(genuine.statusCode).toBe(200);
    expect(genuine.json()).toEqual({ received: true, outcome: 'applied' });
    expect((await stateOf(row)).status).toBe('expired');
  });

  it('answers 200 and ignores an event id it already processed (a replay)', async () => {
    const row = await activeSubscription();
    const processed = await db.providerEvent.findMany({
      where: { providerCustomerId: row.providerCustomerId, outcome: 'applied' },
    });
    expect(processed.length).toBeGreaterThan(0);
    const before = await stateOf(row);
    for (const event of processed) {
      const res = await post(event.payload, sign(event.payload));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ received: true, outcome: 'duplicate' });
    }
    // Also when the provider itself sends one again.
    const first = processed[0];
    if (!first) throw new Error('no processed event');
    await env.sandbox.resend(first.id);
    await eventually(async () => {
      const deliveries = await env.sandbox.deliveries({ event: first.id });
      expect(deliveries.filter((d) => d.status === 'delivered').length).toBeGreaterThanOrEqual(2);
    });
    expect(await stateOf(row)).toEqual(before);
  });

  it('refuses an amount or currency other than the subscription’s with 422, logged and counted', async () => {
    const row = await activeSubscription();
    const before = await stateOf(row);
    const cheap = eventBody('invoice.paid', paidInvoice(row, 1));
    const res = await post(cheap, sign(cheap));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'AMOUNT_MISMATCH',
      expected: { amountMinor: 999, currency: 'EUR' },
      received: { amountMinor: 1, currency: 'EUR' },
    });
    const dollars = eventBody('invoice.paid', paidInvoice(row, 999, 'usd'));
    expect((await post(dollars, sign(dollars))).statusCode).toBe(422);
    expect(await stateOf(row)).toEqual(before);
    const refused = await db.providerEvent.findUnique({
      where: { id: (JSON.parse(cheap) as { id: string }).id },
    });
    expect(refused).toMatchObject({ outcome: 'refused', processedAt: null });
    expect(await app.metrics.metrics()).toMatch(
      /billing_amount_mismatches_total\{source="webhook"\} 2/,
    );
    // The right amount, signed, is accepted: the period moves to the invoice's.
    const right = eventBody('invoice.paid', paidInvoice(row, 999));
    expect((await post(right, sign(right))).json()).toEqual({ received: true, outcome: 'applied' });
    expect((await stateOf(row)).invoices).toBe(before.invoices + 1);
  });

  it('answers 200 for events billing does not act on, and bounds the body', async () => {
    const other = eventBody('customer.updated', { id: 'cus_x', object: 'customer' });
    expect((await post(other, sign(other))).json()).toEqual({ received: true, outcome: 'ignored' });
    const huge = 'x'.repeat(300_000);
    const res = await post(huge, sign(huge));
    expect(res.statusCode).toBe(413);
  });

  it('writes a state change and its events in one transaction: a failure after both keeps neither', async () => {
    const row = await activeSubscription();
    const before = await stateOf(row);
    await expect(
      db.$transaction(async (tx) => {
        const result = await applySubscriptionFacts(
          tx,
          row.id,
          { status: 'canceled', cancelAtPeriodEnd: true },
          { cause: { kind: 'system' }, at: new Date(), providerAt: null },
        );
        expect(result.published).toEqual(['billing.subscription.canceled.v1']);
        throw new Error('forced failure after the write');
      }),
    ).rejects.toThrow('forced failure');
    expect(await stateOf(row)).toEqual(before);
  });
});
