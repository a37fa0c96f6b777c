import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, PaymentSandboxError } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { createDatabase, type Database } from '../src/db.js';
import { callerWith, type Caller } from './fixtures.js';
import { startBillingWithSandbox, type BillingWithSandbox } from './helper.js';

const DAY = 86_400;
const OK_CARD = '4242424242424242';
const DECLINED_CARD = '4000000000000002';
const FAILS_LATER_CARD = '4000000000000341';

// The whole lifecycle through the payment sandbox (a real process sending signed webhooks to the
// listening billing app): checkout → pay → active → renewal → failed renewal → past_due → retries
// → expired, cancel and resume, a declined card, and webhooks duplicated and reordered.
describe('subscription lifecycle through the provider', () => {
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
    const plan = await app.inject({
      method: 'POST',
      url: '/plans',
      headers: admin.headers,
      payload: { name: 'Premium monthly', priceMinor: 999, currency: 'EUR', interval: 'month' },
    });
    planId = plan.json<{ id: string }>().id;
  }, 60_000);
  afterAll(async () => {
    await db?.$disconnect();
    await env?.close();
  });

  const checkout = (caller: Caller, key: string = randomUUID()) =>
    app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { ...caller.headers, 'idempotency-key': key },
      payload: { planId },
    });

  async function subscriptionOf(caller: Caller) {
    const res = await app.inject({ url: '/subscription', headers: caller.headers });
    expect(res.statusCode).toBe(200);
    return res.json<{
      id: string;
      status: string;
      cancelAtPeriodEnd: boolean;
      currentPeriodEnd: string | null;
      history: { from: string | null; to: string; cause: string; causeRef: string | null }[];
    }>();
  }

  const waitForStatus = (caller: Caller, status: string) =>
    eventually(async () => expect((await subscriptionOf(caller)).status).toBe(status), {
      within: 20_000,
    });

  /** The event types billing wrote to its outbox about one subscription, in order. */
  async function outboxOf(subscriptionId: string): Promise<string[]> {
    const rows = await db.outboxEvent.findMany({ orderBy: { id: 'asc' } });
    return rows
      .filter(
        (r) =>
          (JSON.parse(r.envelope) as { data: { subscriptionId?: string } }).data.subscriptionId ===
          subscriptionId,
      )
      .map((r) => r.type);
  }

  const count = (types: string[], type: string) => types.filter((t) => t === type).length;

  /** Moves the sandbox clock a minute past the caller's current period end. */
  async function advancePastPeriodEnd(caller: Caller) {
    const end = new Date((await subscriptionOf(caller)).currentPeriodEnd ?? 0).getTime() / 1000;
    const { now } = await env.sandbox.clock();
    await env.sandbox.advanceClock(Math.ceil(end - now) + 60);
  }

  /** Checkout, then paid at the sandbox with `card`; waits until billing saw it active. */
  async function subscribe(caller: Caller, card = OK_CARD) {
    const res = await checkout(caller);
    expect(res.statusCode).toBe(201);
    const { subscriptionId } = res.json<{ subscriptionId: string }>();
    const row = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    const paid = await env.sandbox.pay(row.providerCheckoutSessionId ?? '', card);
    await waitForStatus(caller, 'active');
    return { subscriptionId, customerId: paid.customerId };
  }

  it('goes checkout → active → renewal → failed renewal → past_due → retries → expired', async () => {
    const user = await callerWith(['user']);
    const started = await checkout(user);
    expect(started.statusCode).toBe(201);
    const body = started.json<{ subscriptionId: string; checkoutUrl: string; status: string }>();
    expect(body.status).toBe('pending');
    expect(body.checkoutUrl).toMatch(/\/checkout\/cs_/);
    expect((await subscriptionOf(user)).status).toBe('pending');

    const row = await db.subscription.findUniqueOrThrow({ where: { id: body.subscriptionId } });
    const paid = await env.sandbox.pay(row.providerCheckoutSessionId ?? '', OK_CARD);
    await waitForStatus(user, 'active');
    const first = await subscriptionOf(user);
    expect(first.currentPeriodEnd).not.toBeNull();
    expect(await outboxOf(body.subscriptionId)).toEqual([
      'billing.subscription.activated.v1',
      'billing.payment.succeeded.v1',
    ]);

    // Renewal: the clock passes the period end, the card is charged, the period moves on.
    await advancePastPeriodEnd(user);
    await eventually(
      async () =>
        expect(
          new Date((await subscriptionOf(user)).currentPeriodEnd ?? 0).getTime(),
        ).toBeGreaterThan(new Date(first.currentPeriodEnd ?? 0).getTime()),
      { within: 20_000 },
    );
    await eventually(async () => {
      const types = await outboxOf(body.subscriptionId);
      expect(count(types, 'billing.subscription.activated.v1')).toBe(2);
      expect(count(types, 'billing.payment.succeeded.v1')).toBe(2);
    });
    const invoices = await app.inject({ url: '/invoices', headers: user.headers });
    expect(invoices.json<{ items: unknown[] }>().items).toHaveLength(2);
    expect(invoices.json().items[0]).toMatchObject({
      status: 'paid',
      amount: { amountMinor: 999, currency: 'EUR' },
      subscriptionId: body.subscriptionId,
    });

    // The next renewal fails: past_due, one failed payment per attempt, then expired.
    await env.sandbox.setCard(paid.customerId, FAILS_LATER_CARD);
    await advancePastPeriodEnd(user);
    await waitForStatus(user, 'past_due');
    await eventually(async () =>
      expect(count(await outboxOf(body.subscriptionId), 'billing.payment.failed.v1')).toBe(1),
    );
    await env.sandbox.advanceClock(6 * DAY); // retries at +1, +3, +5 days, then canceled
    await waitForStatus(user, 'expired');
    const types = await outboxOf(body.subscriptionId);
    expect(count(types, 'billing.payment.failed.v1')).toBe(4);
    expect(count(types, 'billing.subscription.expired.v1')).toBe(1);
    expect(types.at(-1)).toBe('billing.subscription.expired.v1');
    const payments = await app.inject({ url: '/payments?limit=100', headers: user.headers });
    expect(payments.json<{ items: { status: string }[] }>().items.map((p) => p.status)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
      'succeeded',
      'succeeded',
    ]);

    // Explainable afterwards: every change names its cause.
    const { history } = await subscriptionOf(user);
    expect(history.map((h) => h.to).reverse()).toEqual([
      'pending',
      'active',
      'active',
      'past_due',
      'expired',
    ]);
    expect(history.slice(0, 4).every((h) => h.cause === 'provider_event' && h.causeRef)).toBe(true);
    expect(history.at(-1)).toMatchObject({ from: null, to: 'pending', cause: 'user' });

    // The slot is free again: a new checkout is accepted.
    expect((await checkout(user)).statusCode).toBe(201);
  });

  it('brings a past_due subscription back to active when a retry succeeds', async () => {
    const user = await callerWith(['user']);
    const { subscriptionId, customerId } = await subscribe(user);
    await env.sandbox.setCard(customerId, FAILS_LATER_CARD);
    await advancePastPeriodEnd(user);
    await waitForStatus(user, 'past_due');
    await env.sandbox.setCard(customerId, OK_CARD);
    await env.sandbox.advanceClock(DAY + 60);
    await waitForStatus(user, 'active');
    await eventually(async () => {
      const types = await outboxOf(subscriptionId);
      expect(count(types, 'billing.payment.failed.v1')).toBe(1);
      expect(count(types, 'billing.payment.succeeded.v1')).toBe(2);
      expect(count(types, 'billing.subscription.activated.v1')).toBe(2);
    });
  });

  it('cancels at period end, resumes before it, and expires at the end once canceled again', async () => {
    const user = await callerWith(['user']);
    const { subscriptionId } = await subscribe(user);
    const canceled = await app.inject({
      method: 'POST',
      url: '/subscription/cancel',
      headers: user.headers,
    });
    expect(canceled.statusCode).toBe(200);
    expect(canceled.json()).toMatchObject({ status: 'canceled', cancelAtPeriodEnd: true });
    // Canceling twice is the same answer, not a second change.
    const again = await app.inject({
      method: 'POST',
      url: '/subscription/cancel',
      headers: user.headers,
    });
    expect(again.json()).toMatchObject({ status: 'canceled' });

    const resumed = await app.inject({
      method: 'POST',
      url: '/subscription/resume',
      headers: user.headers,
    });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });
    // Resuming re-publishes activated, so catalog keeps the entitlement past the cancel's end.
    await eventually(async () =>
      expect(await outboxOf(subscriptionId)).toEqual([
        'billing.subscription.activated.v1',
        'billing.payment.succeeded.v1',
        'billing.subscription.canceled.v1',
        'billing.subscription.activated.v1',
      ]),
    );
    // The provider's own webhooks for both changes arrive too and change nothing further.
    await eventually(async () => {
      const deliveries = await env.sandbox.deliveries({ type: 'customer.subscription.updated' });
      expect(deliveries.filter((d) => d.status === 'delivered').length).toBeGreaterThanOrEqual(2);
    });
    await waitForStatus(user, 'active');

    await app.inject({ method: 'POST', url: '/subscription/cancel', headers: user.headers });
    await waitForStatus(user, 'canceled');
    await advancePastPeriodEnd(user);
    await waitForStatus(user, 'expired');
    const types = await outboxOf(subscriptionId);
    expect(count(types, 'billing.subscription.canceled.v1')).toBe(2);
    expect(types.at(-1)).toBe('billing.subscription.expired.v1');
    const late = await app.inject({
      method: 'POST',
      url: '/subscription/resume',
      headers: user.headers,
    });
    expect(late.statusCode).toBe(404);
  });

  it('keeps a subscription pending after a declined card, and activates it on a good one', async () => {
    const user = await callerWith(['user']);
    const res = await checkout(user);
    const { subscriptionId } = res.json<{ subscriptionId: string }>();
    const row = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    const before = await env.sandbox.state();
    const declined = await env.sandbox
      .pay(row.providerCheckoutSessionId ?? '', DECLINED_CARD)
      .catch((err: unknown) => err);
    expect(declined).toBeInstanceOf(PaymentSandboxError);
    expect((declined as PaymentSandboxError).statusCode).toBe(402);
    expect((await env.sandbox.state()).subscriptions).toBe(before.subscriptions);
    expect((await subscriptionOf(user)).status).toBe('pending');
    expect(await outboxOf(subscriptionId)).toEqual([]);
    // Still open: the same page takes another card.
    await env.sandbox.pay(row.providerCheckoutSessionId ?? '', OK_CARD);
    await waitForStatus(user, 'active');
  });

  it('starts a trial without a charge, then charges and activates at its end', async () => {
    const trialPlan = await app.inject({
      method: 'POST',
      url: '/plans',
      headers: admin.headers,
      payload: {
        name: 'Premium with trial',
        priceMinor: 999,
        currency: 'EUR',
        interval: 'month',
        trialDays: 7,
      },
    });
    const user = await callerWith(['user']);
    const res = await app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { ...user.headers, 'idempotency-key': randomUUID() },
      payload: { planId: trialPlan.json<{ id: string }>().id },
    });
    const { subscriptionId } = res.json<{ subscriptionId: string }>();
    const row = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    await env.sandbox.pay(row.providerCheckoutSessionId ?? '', OK_CARD);
    await waitForStatus(user, 'trialing');
    const trial = await subscriptionOf(user);
    const { now } = await env.sandbox.clock();
    const trialDays = (new Date(trial.currentPeriodEnd ?? 0).getTime() / 1000 - now) / DAY;
    expect(Math.round(trialDays)).toBe(7);
    expect(await outboxOf(subscriptionId)).toEqual(['billing.subscription.activated.v1']);
    expect(await db.payment.count({ where: { subscriptionId } })).toBe(0);

    await advancePastPeriodEnd(user);
    await waitForStatus(user, 'active');
    await eventually(async () =>
      expect(await outboxOf(subscriptionId)).toEqual([
        'billing.subscription.activated.v1',
        'billing.payment.succeeded.v1',
        'billing.subscription.activated.v1',
      ]),
    );
  });

  it('expires a checkout never paid when its session expires, freeing the slot', async () => {
    const user = await callerWith(['user']);
    const res = await checkout(user);
    const { subscriptionId } = res.json<{ subscriptionId: string }>();
    await env.sandbox.advanceClock(DAY + 60);
    await waitForStatus(user, 'expired');
    expect(await outboxOf(subscriptionId)).toEqual([]);
    expect((await checkout(user)).statusCode).toBe(201);
  });

  it('reaches the same end state with each effect once when webhooks come reversed and twice', async () => {
    const user = await callerWith(['user']);
    await env.sandbox.pauseWebhooks();
    const res = await checkout(user);
    const { subscriptionId } = res.json<{ subscriptionId: string }>();
    const row = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    await env.sandbox.pay(row.providerCheckoutSessionId ?? '', OK_CARD);
    expect((await subscriptionOf(user)).status).toBe('pending');
    const released = await env.sandbox.resumeWebhooks({ order: 'reverse', duplicate: true });
    expect(released.released).toBeGreaterThan(0);
    await waitForStatus(user, 'active');
    const first = await subscriptionOf(user);

    // A renewal whose webhooks are also held, then reversed and duplicated.
    await env.sandbox.pauseWebhooks();
    await advancePastPeriodEnd(user);
    await env.sandbox.resumeWebhooks({ order: 'reverse', duplicate: true });
    await eventually(
      async () =>
        expect(
          new Date((await subscriptionOf(user)).currentPeriodEnd ?? 0).getTime(),
        ).toBeGreaterThan(new Date(first.currentPeriodEnd ?? 0).getTime()),
      { within: 20_000 },
    );
    await eventually(async () => {
      const types = await outboxOf(subscriptionId);
      expect(count(types, 'billing.subscription.activated.v1')).toBe(2);
      expect(count(types, 'billing.payment.succeeded.v1')).toBe(2);
      expect(types).toHaveLength(4);
    });
    expect((await subscriptionOf(user)).status).toBe('active');
    const invoices = await db.invoice.count({ where: { subscriptionId } });
    const payments = await db.payment.count({ where: { subscriptionId } });
    expect({ invoices, payments }).toEqual({ invoices: 2, payments: 2 });
    // Every delivered duplicate was answered 2xx and recorded once.
    const deliveries = await env.sandbox.deliveries();
    expect(deliveries.filter((d) => d.status === 'failed')).toEqual([]);
  });
});
