import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TcpProxy } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { QUEUES } from '../src/consumers.js';
import { createDatabase, type Database } from '../src/db.js';
import { callerWith, type Caller } from './fixtures.js';
import { eventPublisher, startBillingWithSandbox, type BillingWithSandbox } from './helper.js';

// The customer record from auth.user.registered.v1, and erasure on auth.user.deleted.v1: the
// subscription is canceled at the provider, personal data erased here and there, invoices kept
// with their amounts but without name and email. The provider's API goes through a proxy, so a
// test can take the provider away.
describe('billing customers and account deletion', () => {
  let env: BillingWithSandbox;
  let app: KavoshApp;
  let db: Database;
  let proxy: TcpProxy;
  let stripe: Stripe;
  let events: Awaited<ReturnType<typeof eventPublisher>>;
  let planId: string;

  beforeAll(async () => {
    env = await startBillingWithSandbox({
      // Short provider timeouts: a cut provider fails fast and the message is retried.
      env: { STRIPE_TIMEOUT_MS: '2000' },
      envFor: async (sandbox) => {
        proxy = await TcpProxy.start({ target: sandbox.url });
        return { STRIPE_PORT: new URL(proxy.rewrite(sandbox.url)).port };
      },
    });
    app = env.billing.app;
    db = createDatabase(env.billing.databaseUrl);
    events = await eventPublisher(env.billing);
    const { host, port, apiKey } = env.sandbox.stripeConfig;
    stripe = new Stripe(apiKey, { host, port, protocol: 'http' });
    const admin = await callerWith(['admin']);
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
    await events?.close();
    await db?.$disconnect();
    await env?.close();
    await proxy?.close();
  });

  async function register(user: Caller, email: string, displayName: string) {
    const event = events.event('auth.user.registered.v1', user.userId, {
      userId: user.userId,
      email,
      displayName,
      roles: ['user'],
      registeredAt: new Date().toISOString(),
    });
    await events.publish(event);
    await events.handled(db, QUEUES.customers, event.id);
    return event;
  }

  async function subscribe(user: Caller) {
    const res = await app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { ...user.headers, 'idempotency-key': randomUUID() },
      payload: { planId },
    });
    expect(res.statusCode).toBe(201);
    const { subscriptionId } = res.json<{ subscriptionId: string }>();
    const row = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    await env.sandbox.pay(row.providerCheckoutSessionId ?? '', '4242424242424242');
    await eventually(
      async () => expect(await db.invoice.count({ where: { userId: user.userId } })).toBe(1),
      { within: 20_000 },
    );
    return db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
  }

  const deleted = (user: Caller) =>
    events.event('auth.user.deleted.v1', user.userId, {
      userId: user.userId,
      deletedAt: new Date().toISOString(),
    });

  it('keeps a customer record from the registration, and uses it at the provider and on invoices', async () => {
    const user = await callerWith(['user']);
    const event = await register(user, 'ada@example.com', 'Ada Lovelace');
    await events.publish(event); // a redelivery: no second effect, no error
    await events.handled(db, QUEUES.customers, event.id);
    expect(await db.customer.findUnique({ where: { userId: user.userId } })).toMatchObject({
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
      providerCustomerId: null,
    });
    const sub = await subscribe(user);
    const customer = await stripe.customers.retrieve(sub.providerCustomerId ?? '');
    expect(customer).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(await db.invoice.findFirst({ where: { userId: user.userId } })).toMatchObject({
      customerName: 'Ada Lovelace',
      customerEmail: 'ada@example.com',
      amountMinor: 999,
    });
  });

  it('on deletion cancels at the provider, erases personal data and anonymizes invoices', async () => {
    const user = await callerWith(['user']);
    await register(user, 'grace@example.com', 'Grace Hopper');
    const sub = await subscribe(user);
    const event = deleted(user);
    await events.publish(event);
    await events.handled(db, QUEUES.erasure, event.id);

    expect(await db.customer.findUnique({ where: { userId: user.userId } })).toMatchObject({
      email: null,
      displayName: null,
      erasedAt: expect.any(Date),
    });
    const invoice = await db.invoice.findFirstOrThrow({ where: { userId: user.userId } });
    expect(invoice).toMatchObject({ customerName: null, customerEmail: null, amountMinor: 999 });
    expect(invoice.number).not.toBe('');
    const local = await db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(local.status).toBe('expired');
    const outbox = await db.outboxEvent.findMany({ where: { subject: sub.id } });
    expect(outbox.map((o) => o.type)).toContain('billing.subscription.expired.v1');
    const payloads = await db.providerEvent.findMany({
      where: { providerCustomerId: sub.providerCustomerId },
    });
    expect(payloads.length).toBeGreaterThan(0);
    expect(payloads.every((p) => p.payload === '{}')).toBe(true);

    const remote = await stripe.subscriptions.retrieve(sub.providerSubscriptionId ?? '');
    expect(remote.status).toBe('canceled');
    // The provider's events about the erasure itself arrive later and are kept without payload.
    await eventually(async () => {
      const late = await db.providerEvent.findMany({
        where: { providerCustomerId: sub.providerCustomerId, type: 'customer.deleted' },
      });
      expect(late.map((e) => e.payload)).toEqual(['{}']);
    });
    const all = await db.providerEvent.findMany({
      where: { providerCustomerId: sub.providerCustomerId },
    });
    expect(all.every((p) => p.payload === '{}')).toBe(true);
    const customer = await stripe.customers.retrieve(sub.providerCustomerId ?? '');
    expect(customer.deleted).toBe(true);

    // A late registration event for the erased user does not bring the data back.
    await register(user, 'grace@example.com', 'Grace Hopper');
    expect(await db.customer.findUnique({ where: { userId: user.userId } })).toMatchObject({
      email: null,
    });
  });

  it('retries the deletion while the provider is down, losing nothing, and completes after', async () => {
    const user = await callerWith(['user']);
    await register(user, 'alan@example.com', 'Alan Turing');
    const sub = await subscribe(user);
    proxy.cut();
    const event = deleted(user);
    await events.publish(event);
    await eventually(
      async () =>
        expect(await app.metrics.metrics()).toMatch(
          /kavosh_consumer_retried_total\{[^}]*billing\.erasure[^}]*\} [1-9]/,
        ),
      { within: 20_000 },
    );
    // Nothing half-done: the data is all still there.
    expect(await db.customer.findUnique({ where: { userId: user.userId } })).toMatchObject({
      email: 'alan@example.com',
    });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe(
      'active',
    );
    proxy.restore();
    await events.handled(db, QUEUES.erasure, event.id);
    expect(await db.customer.findUnique({ where: { userId: user.userId } })).toMatchObject({
      email: null,
    });
    expect((await stripe.subscriptions.retrieve(sub.providerSubscriptionId ?? '')).status).toBe(
      'canceled',
    );
    expect(await events.dlqDepth(QUEUES.erasure)).toBe(0);
  });
});
