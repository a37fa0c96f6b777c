import { randomUUID } from 'node:crypto';
import type { KavoshApp } from '@kavosh/service-kit';
import { eventually } from '@kavosh/testing';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerWith, type Caller } from '../../test/fixtures.js';
import { startBillingWithSandbox, type BillingWithSandbox } from '../../test/helper.js';
import { providerFromConfig } from '../app.js';
import { readConfig } from '../config.js';
import { createDatabase, type Database } from '../db.js';
import { billingMetrics } from '../metrics.js';
import { createReconciler } from './reconciler.js';

const DAY_SECONDS = 86_400;
const silent = pino({ level: 'silent' });
// Everything the sandbox sends for a renewal (README: "The sandbox clock and what it fires").
const RENEWAL_EVENTS = [
  'customer.subscription.updated',
  'invoice.created',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_succeeded',
];

// Billing listens and the sandbox delivers its signed webhooks; then it loses some of them.
describe('reconciliation after lost webhooks', () => {
  let env: BillingWithSandbox;
  let app: KavoshApp;
  let db: Database;
  let reconcile: ReturnType<typeof createReconciler>;
  let planId: string;

  beforeAll(async () => {
    env = await startBillingWithSandbox();
    app = env.billing.app;
    db = createDatabase(env.billing.databaseUrl);
    const provider = providerFromConfig(
      readConfig({
        DATABASE_URL: env.billing.databaseUrl,
        STRIPE_HOST: env.sandbox.host,
        STRIPE_PORT: String(env.sandbox.port),
        STRIPE_SECRET_KEY: env.sandbox.apiKey,
        STRIPE_WEBHOOK_SECRET: env.webhookSecret,
      }),
    );
    const registry = new Registry();
    reconcile = createReconciler({
      db,
      provider,
      metrics: billingMetrics(registry, { db, logger: silent }),
      logger: silent,
    });
    const admin = await callerWith(['admin']);
    const plan = await app.inject({
      method: 'POST',
      url: '/plans',
      headers: admin.headers,
      payload: { name: 'Reconciled monthly', priceMinor: 1299, currency: 'EUR', interval: 'month' },
    });
    planId = plan.json<{ id: string }>().id;
  }, 60_000);
  afterAll(async () => {
    await db?.$disconnect();
    await env?.close();
  });

  async function subscribedUser(): Promise<{ caller: Caller; subscriptionId: string }> {
    const caller = await callerWith(['user']);
    const res = await app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { ...caller.headers, 'idempotency-key': randomUUID() },
      payload: { planId },
    });
    expect(res.statusCode).toBe(201);
    const { subscriptionId } = res.json<{ subscriptionId: string }>();
    const row = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    await env.sandbox.pay(row.providerCheckoutSessionId ?? '');
    return { caller, subscriptionId };
  }

  const activatedEvents = async (subscriptionId: string) =>
    (
      await db.outboxEvent.findMany({
        where: { subject: subscriptionId, type: 'billing.subscription.activated.v1' },
        orderBy: { id: 'asc' },
      })
    ).map((row) => JSON.parse(row.envelope) as { data: { currentPeriodEnd: string } });

  it('repairs a renewal whose webhooks were all dropped, through the outbox; a second pass repairs nothing', async () => {
    const { subscriptionId } = await subscribedUser();
    await eventually(
      async () =>
        expect(
          await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } }),
        ).toMatchObject({
          status: 'active',
        }),
      { within: 20_000 },
    );
    const paid = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(await activatedEvents(subscriptionId)).toHaveLength(1);

    await env.sandbox.dropWebhooks({ types: RENEWAL_EVENTS });
    await env.sandbox.advanceClock(31 * DAY_SECONDS);
    const dropped = await env.sandbox.deliveries({ type: 'customer.subscription.updated' });
    expect(dropped.at(-1)?.status).toBe('dropped');
    // Billing never heard of the renewal.
    expect(
      (await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).currentPeriodEnd,
    ).toEqual(paid.currentPeriodEnd);

    const pass = await reconcile.runOnce();
    expect(pass.repaired).toContainEqual({
      subscriptionId,
      transition: 'active period',
      published: ['billing.subscription.activated.v1'],
    });
    const repaired = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(repaired.currentPeriodEnd?.getTime()).toBeGreaterThan(
      paid.currentPeriodEnd?.getTime() ?? 0,
    );
    // The same event the webhook path writes, with the new period end.
    const events = await activatedEvents(subscriptionId);
    expect(events).toHaveLength(2);
    expect(events[1]?.data.currentPeriodEnd).toBe(repaired.currentPeriodEnd?.toISOString());
    const history = await db.subscriptionChange.findMany({
      where: { subscriptionId, cause: 'reconciliation' },
    });
    expect(history).toEqual([expect.objectContaining({ causeRef: pass.passId })]);

    const again = await reconcile.runOnce();
    expect(again.repaired).toEqual([]);
    expect(await activatedEvents(subscriptionId)).toHaveLength(2);
  });
});
