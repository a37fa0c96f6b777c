import { randomUUID } from 'node:crypto';
import type { KavoshApp } from '@kavosh/service-kit';
import { TcpProxy, type TestService } from '@kavosh/testing';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBilling } from '../test/helper.js';
import { createDatabase, type Database } from './db.js';
import { billingMetrics } from './metrics.js';

describe('billing metrics', () => {
  let svc: TestService<KavoshApp>;
  let db: Database;

  const insertPlan = async (name: string) => {
    const id = randomUUID();
    await db.plan.create({
      data: { id, name, tier: 'premium', priceMinor: 999, currency: 'usd', interval: 'month' },
    });
    return { id, name };
  };
  const insertSubscription = async (plan: { id: string; name: string }, status: string) => {
    const id = randomUUID();
    const userId = randomUUID();
    await db.subscription.create({
      data: {
        id,
        userId,
        activeUserId: status === 'expired' ? null : userId,
        planId: plan.id,
        planName: plan.name,
        tier: 'premium',
        priceMinor: 999,
        currency: 'usd',
        interval: 'month',
        trialDays: 0,
        status,
      },
    });
    return id;
  };
  /** The value of one series in a Prometheus text, or undefined when it is absent. */
  const valueOf = (text: string, series: string): number | undefined => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  beforeAll(async () => {
    svc = await startBilling();
    db = createDatabase(svc.databaseUrl);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  it('counts subscriptions holding a slot by plan and status from the database at each scrape', async () => {
    const registry = new Registry();
    billingMetrics(registry, { db, logger: pino({ level: 'silent' }) });
    const basic = await insertPlan('Basic');
    const premium = await insertPlan('Premium');
    await insertSubscription(basic, 'active');
    await insertSubscription(basic, 'active');
    const pastDue = await insertSubscription(premium, 'past_due');
    await insertSubscription(premium, 'trialing');
    await insertSubscription(premium, 'expired');
    await insertSubscription(premium, 'pending');

    const first = await registry.metrics();
    expect(valueOf(first, 'billing_subscriptions{plan="Basic",status="active"}')).toBe(2);
    expect(valueOf(first, 'billing_subscriptions{plan="Premium",status="past_due"}')).toBe(1);
    expect(valueOf(first, 'billing_subscriptions{plan="Premium",status="trialing"}')).toBe(1);
    expect(first).not.toContain('status="expired"');
    expect(first).not.toContain('status="pending"');

    // The last past_due one expires: its series goes, rather than staying at its old count.
    await db.subscription.update({
      where: { id: pastDue },
      data: { status: 'expired', activeUserId: null },
    });
    const second = await registry.metrics();
    expect(
      valueOf(second, 'billing_subscriptions{plan="Premium",status="past_due"}'),
    ).toBeUndefined();
    expect(valueOf(second, 'billing_subscriptions{plan="Basic",status="active"}')).toBe(2);
  });

  it('keeps the last counts and still answers the scrape when the database is gone', async () => {
    const proxy = await TcpProxy.start({ target: svc.databaseUrl });
    const lost = createDatabase(proxy.rewrite(svc.databaseUrl));
    const registry = new Registry();
    billingMetrics(registry, { db: lost, logger: pino({ level: 'silent' }) });
    const family = await insertPlan('Family');
    await insertSubscription(family, 'active');
    const before = await registry.metrics();
    expect(valueOf(before, 'billing_subscriptions{plan="Family",status="active"}')).toBe(1);
    proxy.cut();
    // A change the lost connection cannot see: the scrape still shows the last count it read.
    await insertSubscription(family, 'active');
    const after = await registry.metrics();
    expect(valueOf(after, 'billing_subscriptions{plan="Family",status="active"}')).toBe(1);
    expect(valueOf(after, 'billing_webhooks_total{outcome="verified",reason=""}')).toBe(0);
    await lost.$disconnect();
    await proxy.close();
  });

  it('are declared on the service own /metrics from the start', async () => {
    const res = await svc.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    for (const declared of [
      '# TYPE billing_subscriptions gauge',
      '# TYPE billing_checkouts_total counter',
      '# TYPE billing_webhooks_total counter',
      '# TYPE billing_amount_mismatches_total counter',
      '# TYPE billing_reconciliation_repairs_total counter',
      '# TYPE billing_reconciliation_runs_total counter',
    ]) {
      expect(res.body).toContain(declared);
    }
  });

  it('exports every counter series from the start and counts each outcome under its label', async () => {
    const registry = new Registry();
    const metrics = billingMetrics(registry, { db, logger: pino({ level: 'silent' }) });
    const start = await registry.metrics();
    for (const series of [
      'billing_checkouts_total{stage="started"}',
      'billing_checkouts_total{stage="completed"}',
      'billing_webhooks_total{outcome="refused",reason="bad_signature"}',
      'billing_webhooks_total{outcome="refused",reason="amount_mismatch"}',
      'billing_amount_mismatches_total{source="webhook"}',
      'billing_reconciliation_runs_total{result="failed"}',
    ]) {
      expect(valueOf(start, series), series).toBe(0);
    }
    metrics.checkoutStarted();
    metrics.checkoutStarted();
    metrics.checkoutCompleted();
    metrics.webhookVerified();
    metrics.webhookRefused('stale_timestamp');
    metrics.amountMismatch('webhook');
    metrics.amountMismatch('reconciliation');
    metrics.reconciliationRepaired('active→canceled');
    metrics.reconciliationRun('ok');
    const text = await registry.metrics();
    expect(valueOf(text, 'billing_checkouts_total{stage="started"}')).toBe(2);
    expect(valueOf(text, 'billing_checkouts_total{stage="completed"}')).toBe(1);
    expect(valueOf(text, 'billing_webhooks_total{outcome="verified",reason=""}')).toBe(1);
    expect(
      valueOf(text, 'billing_webhooks_total{outcome="refused",reason="stale_timestamp"}'),
    ).toBe(1);
    // A webhook's mismatch is also a refused webhook; reconciliation's is not.
    expect(
      valueOf(text, 'billing_webhooks_total{outcome="refused",reason="amount_mismatch"}'),
    ).toBe(1);
    expect(valueOf(text, 'billing_amount_mismatches_total{source="webhook"}')).toBe(1);
    expect(valueOf(text, 'billing_amount_mismatches_total{source="reconciliation"}')).toBe(1);
    expect(
      valueOf(text, 'billing_reconciliation_repairs_total{transition="active→canceled"}'),
    ).toBe(1);
    expect(valueOf(text, 'billing_reconciliation_runs_total{result="ok"}')).toBe(1);
  });
});
