import { randomUUID } from 'node:crypto';
import type { KavoshApp } from '@kavosh/service-kit';
import {
  freePort,
  startPaymentSandbox,
  type PaymentSandbox,
  type TestService,
} from '@kavosh/testing';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBilling } from '../../test/helper.js';
import { createDatabase, type Database } from '../db.js';
import { billingMetrics } from '../metrics.js';
import {
  createStripeProvider,
  ProviderUnavailable,
  type PaymentProvider,
} from '../provider/index.js';
import { createReconciler } from './reconciler.js';

const DAY_SECONDS = 24 * 60 * 60;
const silent = pino({ level: 'silent' });

const providerAt = (sandbox: { host: string; port: number; apiKey: string }) =>
  createStripeProvider({
    host: sandbox.host,
    port: sandbox.port,
    protocol: 'http',
    apiKey: sandbox.apiKey,
    webhookSecret: 'whsec_unused_by_reconciliation',
    webhookToleranceSeconds: 300,
    timeoutMs: 5_000,
  });

// The sandbox has no webhook endpoint here: every event it sends is one billing never gets, which
// is exactly the drift reconciliation exists to repair.
describe('reconciliation', () => {
  let sandbox: PaymentSandbox;
  let svc: TestService<KavoshApp>;
  let db: Database;
  let provider: PaymentProvider;
  let registry: Registry;
  let reconcile: ReturnType<typeof createReconciler>;
  let planId: string;

  /** A paid checkout at the provider whose webhooks billing missed: locally still pending. */
  async function paidCheckoutMissed(opts: { priceMinor?: number; card?: string } = {}) {
    const userId = randomUUID();
    const id = randomUUID();
    const priceMinor = opts.priceMinor ?? 999;
    const customer = await provider.createCustomer(
      { userId, email: `${userId}@example.com`, name: 'Test Person' },
      `customer-${userId}`,
    );
    const session = await provider.createCheckoutSession(
      {
        customerId: customer.id,
        localSubscriptionId: id,
        userId,
        plan: {
          id: planId,
          name: 'Premium',
          priceMinor,
          currency: 'USD',
          interval: 'month',
          trialDays: 0,
        },
        successUrl: 'http://localhost/ok',
        cancelUrl: 'http://localhost/cancel',
      },
      `checkout-${id}`,
    );
    await db.subscription.create({
      data: {
        id,
        userId,
        activeUserId: userId,
        planId,
        planName: 'Premium',
        tier: 'premium',
        priceMinor: 999,
        currency: 'USD',
        interval: 'month',
        trialDays: 0,
        status: 'pending',
        providerCustomerId: customer.id,
        providerCheckoutSessionId: session.id,
        checkoutUrl: session.url,
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
    });
    const payment = await sandbox.pay(session.id, opts.card);
    return { id, userId, providerSubscriptionId: payment.subscriptionId };
  }

  const outboxOf = (subscriptionId: string) =>
    db.$queryRawUnsafe<{ type: string; envelope: string }[]>(
      'SELECT type, envelope FROM outbox WHERE subject = ? ORDER BY id',
      subscriptionId,
    );
  const metric = async (series: string) => {
    const line = (await registry.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  beforeAll(async () => {
    sandbox = await startPaymentSandbox();
    svc = await startBilling({
      env: { STRIPE_HOST: sandbox.host, STRIPE_PORT: String(sandbox.port) },
    });
    db = createDatabase(svc.databaseUrl);
    provider = providerAt(sandbox);
    registry = new Registry();
    reconcile = createReconciler({
      db,
      provider,
      metrics: billingMetrics(registry, { db, logger: silent }),
      logger: silent,
    });
    planId = randomUUID();
    await db.plan.create({
      data: {
        id: planId,
        name: `Premium ${planId}`,
        tier: 'premium',
        priceMinor: 999,
        currency: 'USD',
        interval: 'month',
      },
    });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
    await sandbox?.stop();
  });

  it('activates a paid checkout whose webhooks were missed, with its event in the outbox; a second pass repairs nothing', async () => {
    const sub = await paidCheckoutMissed();
    const first = await reconcile.runOnce();
    expect(first.repaired).toContainEqual({
      subscriptionId: sub.id,
      transition: 'pending->active',
      published: ['billing.subscription.activated.v1'],
    });
    const row = await db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(row).toMatchObject({
      status: 'active',
      providerSubscriptionId: sub.providerSubscriptionId,
    });
    expect(row.currentPeriodEnd).not.toBeNull();

    const events = await outboxOf(sub.id);
    expect(events.map((e) => e.type)).toEqual(['billing.subscription.activated.v1']);
    // The checkout's trace continues into the event, as the webhook path would carry it.
    expect(JSON.parse(events[0]?.envelope ?? '{}')).toMatchObject({
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      data: { subscriptionId: sub.id, userId: sub.userId },
    });
    const changes = await db.subscriptionChange.findMany({ where: { subscriptionId: sub.id } });
    expect(changes).toEqual([
      expect.objectContaining({
        fromStatus: 'pending',
        toStatus: 'active',
        cause: 'reconciliation',
        causeRef: first.passId,
      }),
    ]);

    const second = await reconcile.runOnce();
    expect(second.checked).toBeGreaterThan(0);
    expect(second.repaired.filter((r) => r.subscriptionId === sub.id)).toEqual([]);
    expect(await outboxOf(sub.id)).toHaveLength(1);
    expect(
      await metric('billing_reconciliation_repairs_total{transition="pending->active"}'),
    ).toBeGreaterThan(0);
  });

  it('extends the period of a renewal it missed, then expires what the provider canceled', async () => {
    const sub = await paidCheckoutMissed();
    await reconcile.runOnce();
    const before = await db.subscription.findUniqueOrThrow({ where: { id: sub.id } });

    await sandbox.advanceClock(31 * DAY_SECONDS);
    const renewal = await reconcile.runOnce();
    expect(renewal.repaired).toContainEqual({
      subscriptionId: sub.id,
      transition: 'active period',
      published: ['billing.subscription.activated.v1'],
    });
    const renewed = await db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(renewed.status).toBe('active');
    expect(renewed.currentPeriodEnd?.getTime()).toBeGreaterThan(
      before.currentPeriodEnd?.getTime() ?? 0,
    );

    await provider.cancelNow(sub.providerSubscriptionId);
    const canceled = await reconcile.runOnce();
    expect(canceled.repaired).toContainEqual({
      subscriptionId: sub.id,
      transition: 'active->expired',
      published: ['billing.subscription.expired.v1'],
    });
    expect(await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).toMatchObject({
      status: 'expired',
      activeUserId: null,
    });
    expect((await outboxOf(sub.id)).map((e) => e.type)).toEqual([
      'billing.subscription.activated.v1',
      'billing.subscription.activated.v1',
      'billing.subscription.expired.v1',
    ]);
    // Expired is final: no further pass looks at it.
    const after = await reconcile.runOnce();
    expect(after.repaired.filter((r) => r.subscriptionId === sub.id)).toEqual([]);
  });

  it('moves a renewal the card failed to past_due without extending the period it did not pay', async () => {
    // This card pays the checkout, then every later charge fails.
    const sub = await paidCheckoutMissed({ card: '4000000000000341' });
    await reconcile.runOnce();
    const paid = await db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(paid.status).toBe('active');

    await sandbox.advanceClock(31 * DAY_SECONDS);
    const pass = await reconcile.runOnce();
    expect(pass.repaired).toContainEqual({
      subscriptionId: sub.id,
      transition: 'active->past_due',
      published: [],
    });
    const unpaid = await db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(unpaid.status).toBe('past_due');
    expect(unpaid.currentPeriodEnd).toEqual(paid.currentPeriodEnd);
    expect((await outboxOf(sub.id)).map((e) => e.type)).toEqual([
      'billing.subscription.activated.v1',
    ]);
  });

  it('leaves a subscription whose provider amount differs untouched, and counts the mismatch', async () => {
    const sub = await paidCheckoutMissed({ priceMinor: 1 });
    const before = await metric('billing_amount_mismatches_total{source="reconciliation"}');
    const pass = await reconcile.runOnce();
    expect(pass.mismatches).toContain(sub.id);
    expect(pass.repaired.filter((r) => r.subscriptionId === sub.id)).toEqual([]);
    expect(await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).toMatchObject({
      status: 'pending',
    });
    expect(await outboxOf(sub.id)).toEqual([]);
    expect(await metric('billing_amount_mismatches_total{source="reconciliation"}')).toBe(
      (before ?? 0) + 1,
    );
  });

  it('ends the pass as failed when the provider does not answer', async () => {
    const closedPort = await freePort();
    const failedRegistry = new Registry();
    const offline = createReconciler({
      db,
      provider: providerAt({ host: '127.0.0.1', port: closedPort, apiKey: sandbox.apiKey }),
      metrics: billingMetrics(failedRegistry, { db, logger: silent }),
      logger: silent,
    });
    await paidCheckoutMissed();
    await expect(offline.runOnce()).rejects.toBeInstanceOf(ProviderUnavailable);
    expect(await failedRegistry.metrics()).toContain(
      'billing_reconciliation_runs_total{result="failed"} 1',
    );
  });
});
