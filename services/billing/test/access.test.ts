import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { createDatabase, type Database } from '../src/db.js';
import { callerWith, type Caller } from './fixtures.js';
import { startBillingWithSandbox, type BillingWithSandbox } from './helper.js';

// Every user route answers the caller's own records; `?userId=` is an admin's lookup (403 for
// anyone else, even naming themselves); another user's invoice by id is 404 like a missing one.
describe('billing user routes: the caller’s own only (IDOR)', () => {
  let env: BillingWithSandbox;
  let app: KavoshApp;
  let db: Database;
  let admin: Caller;
  let owner: Caller;
  let intruder: Caller;
  let invoiceId: string;

  beforeAll(async () => {
    env = await startBillingWithSandbox();
    app = env.billing.app;
    db = createDatabase(env.billing.databaseUrl);
    admin = await callerWith(['admin']);
    owner = await callerWith(['user']);
    intruder = await callerWith(['user']);
    const planId = (
      await app.inject({
        method: 'POST',
        url: '/plans',
        headers: admin.headers,
        payload: { name: 'Monthly', priceMinor: 999, currency: 'EUR', interval: 'month' },
      })
    ).json<{ id: string }>().id;
    const res = await app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { ...owner.headers, 'idempotency-key': randomUUID() },
      payload: { planId },
    });
    const { subscriptionId } = res.json<{ subscriptionId: string }>();
    const row = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    await env.sandbox.pay(row.providerCheckoutSessionId ?? '', '4242424242424242');
    await eventually(
      async () => {
        const invoice = await db.invoice.findFirst({ where: { userId: owner.userId } });
        expect(invoice).not.toBeNull();
        invoiceId = invoice?.id ?? '';
      },
      { within: 20_000 },
    );
  }, 60_000);
  afterAll(async () => {
    await db?.$disconnect();
    await env?.close();
  });

  const get = (url: string, caller?: Caller) => app.inject({ url, headers: caller?.headers ?? {} });

  it('answers 401 without a token on every user route', async () => {
    for (const url of ['/subscription', '/invoices', `/invoices/${invoiceId}`, '/payments'])
      expect((await get(url)).statusCode, url).toBe(401);
    for (const url of ['/subscription/cancel', '/subscription/resume'])
      expect((await app.inject({ method: 'POST', url })).statusCode, url).toBe(401);
  });

  it('shows the owner their subscription, invoices and payments', async () => {
    expect((await get('/subscription', owner)).json()).toMatchObject({ userId: owner.userId });
    expect((await get('/invoices', owner)).json().items).toHaveLength(1);
    expect((await get(`/invoices/${invoiceId}`, owner)).json()).toMatchObject({ id: invoiceId });
    expect((await get('/payments', owner)).json().items).toHaveLength(1);
  });

  it('shows another user nothing of the owner’s', async () => {
    expect((await get('/subscription', intruder)).statusCode).toBe(404);
    expect((await get('/invoices', intruder)).json().items).toEqual([]);
    expect((await get('/payments', intruder)).json().items).toEqual([]);
    const byId = await get(`/invoices/${invoiceId}`, intruder);
    expect(byId.statusCode).toBe(404);
    expect(byId.json()).toMatchObject({ code: 'INVOICE_NOT_FOUND' });
    for (const url of ['/subscription', '/invoices', '/payments']) {
      const res = await get(`${url}?userId=${owner.userId}`, intruder);
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
      // Naming oneself is still the admin form: one clear rule.
      expect((await get(`${url}?userId=${intruder.userId}`, intruder)).statusCode).toBe(403);
    }
    // Cancel and resume act on the caller's own subscription only: the owner's is untouched.
    for (const url of ['/subscription/cancel', '/subscription/resume']) {
      const res = await app.inject({ method: 'POST', url, headers: intruder.headers });
      expect(res.statusCode, url).toBe(404);
    }
    expect((await get('/subscription', owner)).json()).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: false,
    });
  });

  it('lets an admin look up any user', async () => {
    expect((await get(`/subscription?userId=${owner.userId}`, admin)).json()).toMatchObject({
      userId: owner.userId,
      status: 'active',
    });
    expect((await get(`/invoices?userId=${owner.userId}`, admin)).json().items).toHaveLength(1);
    expect((await get(`/payments?userId=${owner.userId}`, admin)).json().items).toHaveLength(1);
    expect((await get(`/invoices/${invoiceId}`, admin)).statusCode).toBe(200);
  });

  it('refuses malformed ids, cursors and limits with 400', async () => {
    for (const url of [
      '/invoices/not-a-uuid',
      '/invoices?limit=0',
      '/invoices?limit=101',
      '/invoices?cursor=%24%24%24',
      '/invoices?cursor=bm9wZQ',
      '/payments?cursor=bm9wZQ',
      '/subscription?userId=nope',
      '/invoices?colour=red',
    ]) {
      expect((await get(url, owner)).statusCode, url).toBe(400);
    }
  });

  it('pages invoices newest first with a cursor', async () => {
    const more = Array.from({ length: 3 }, (_, i) => ({
      id: randomUUID(),
      providerInvoiceId: `in_page_${randomUUID()}`,
      number: `P-${i}`,
      userId: owner.userId,
      description: 'Monthly',
      amountMinor: 999,
      currency: 'EUR',
      periodStart: new Date(),
      periodEnd: new Date(),
      status: 'paid',
      issuedAt: new Date(Date.now() + (i + 1) * 60_000),
    }));
    await db.invoice.createMany({ data: more });
    const first = (await get('/invoices?limit=2', owner)).json<{
      items: { number: string }[];
      nextCursor: string;
    }>();
    expect(first.items.map((i) => i.number)).toEqual(['P-2', 'P-1']);
    const second = (await get(`/invoices?limit=2&cursor=${first.nextCursor}`, owner)).json<{
      items: { number: string }[];
      nextCursor: string | null;
    }>();
    expect(second.items.map((i) => i.number)[0]).toBe('P-0');
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });
});
