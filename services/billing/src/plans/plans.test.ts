import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startBilling } from '../../test/helper.js';
import { callerWith, type Caller } from '../../test/fixtures.js';
import { DEFAULT_PLANS, seedDefaultPlans } from './service.js';

describe('plans', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  let db: Database;
  let admin: Caller;
  let user: Caller;

  const create = (payload: Record<string, unknown>, caller: Caller = admin) =>
    app.inject({ method: 'POST', url: '/plans', headers: caller.headers, payload });

  beforeAll(async () => {
    svc = await startBilling();
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
    admin = await callerWith(['admin']);
    user = await callerWith(['user']);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  it('seeds the default plans into an empty table once, and lists them for anyone', async () => {
    expect(await seedDefaultPlans(db)).toBe(DEFAULT_PLANS.length);
    expect(await seedDefaultPlans(db)).toBe(0);
    const list = await app.inject({ url: '/plans' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        name: 'Premium monthly',
        tier: 'premium',
        price: { amountMinor: 999, currency: 'EUR' },
        interval: 'month',
        trialDays: 0,
        archived: false,
      }),
      expect.objectContaining({ name: 'Premium yearly', interval: 'year' }),
    ]);
  });

  it('lets only admins create, change, archive and delete plans', async () => {
    const body = { name: 'Student', priceMinor: 499, currency: 'EUR', interval: 'month' };
    expect((await app.inject({ method: 'POST', url: '/plans', payload: body })).statusCode).toBe(
      401,
    );
    expect((await create(body, user)).statusCode).toBe(403);
    const created = await create(body);
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    for (const [method, url] of [
      ['PATCH', `/plans/${id}`],
      ['POST', `/plans/${id}/archive`],
      ['DELETE', `/plans/${id}`],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: user.headers,
        ...(method === 'PATCH' ? { payload: { priceMinor: 1 } } : {}),
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('refuses bad bodies with 400, a taken name with 409 and an unknown plan with 404', async () => {
    for (const payload of [
      {},
      { name: 'X', priceMinor: 0, currency: 'EUR', interval: 'month' },
      { name: 'X', priceMinor: 100, currency: 'eur', interval: 'month' },
      { name: 'X', priceMinor: 100, currency: 'EUR', interval: 'week' },
      { name: 'X', priceMinor: 1.5, currency: 'EUR', interval: 'month' },
      { name: 'x'.repeat(81), priceMinor: 100, currency: 'EUR', interval: 'month' },
      { name: 'X', priceMinor: 100, currency: 'EUR', interval: 'month', colour: 'red' },
      { name: 'X', priceMinor: 100, currency: 'EUR', interval: 'month', trialDays: 365 },
      // What the provider would refuse at checkout: a blank name, a price above its maximum.
      { name: '   ', priceMinor: 100, currency: 'EUR', interval: 'month' },
      { name: 'X', priceMinor: 100_000_000, currency: 'EUR', interval: 'month' },
    ]) {
      expect((await create(payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    const body = { name: 'Family', priceMinor: 1499, currency: 'EUR', interval: 'month' };
    expect((await create(body)).statusCode).toBe(201);
    const taken = await create(body);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'PLAN_NAME_TAKEN' });
    const missing = await app.inject({
      method: 'PATCH',
      url: `/plans/${randomUUID()}`,
      headers: admin.headers,
      payload: { priceMinor: 100 },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'PLAN_NOT_FOUND' });
    const empty = await app.inject({
      method: 'PATCH',
      url: `/plans/${randomUUID()}`,
      headers: admin.headers,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'DELETE', url: '/plans/not-a-uuid', headers: admin.headers }))
        .statusCode,
    ).toBe(400);
  });

  it('changes a price for new sales while a sold subscription keeps its snapshot', async () => {
    const plan = (
      await create({ name: 'Snapshot', priceMinor: 700, currency: 'EUR', interval: 'month' })
    ).json<{ id: string }>();
    const subscriptionId = randomUUID();
    const userId = randomUUID();
    await db.subscription.create({
      data: {
        id: subscriptionId,
        userId,
        activeUserId: userId,
        planId: plan.id,
        planName: 'Snapshot',
        tier: 'premium',
        priceMinor: 700,
        currency: 'EUR',
        interval: 'month',
        trialDays: 0,
        status: 'active',
      },
    });
    const patched = await app.inject({
      method: 'PATCH',
      url: `/plans/${plan.id}`,
      headers: admin.headers,
      payload: { priceMinor: 900 },
    });
    expect(patched.json()).toMatchObject({ price: { amountMinor: 900, currency: 'EUR' } });
    const sold = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(sold.priceMinor).toBe(700);

    // Sold once: never deleted (409 PLAN_IN_USE), archived instead, and then off the public list.
    const del = await app.inject({
      method: 'DELETE',
      url: `/plans/${plan.id}`,
      headers: admin.headers,
    });
    expect(del.statusCode).toBe(409);
    expect(del.json()).toMatchObject({ code: 'PLAN_IN_USE', subscriptions: 1 });
    const archived = await app.inject({
      method: 'POST',
      url: `/plans/${plan.id}/archive`,
      headers: admin.headers,
    });
    expect(archived.json()).toMatchObject({ archived: true });
    const publicList = (await app.inject({ url: '/plans' })).json<{ items: { id: string }[] }>();
    expect(publicList.items.map((p) => p.id)).not.toContain(plan.id);
    const adminList = (
      await app.inject({ url: '/plans?includeArchived=true', headers: admin.headers })
    ).json<{ items: { id: string }[] }>();
    expect(adminList.items.map((p) => p.id)).toContain(plan.id);
    const userAsks = (
      await app.inject({ url: '/plans?includeArchived=true', headers: user.headers })
    ).json<{ items: { id: string }[] }>();
    expect(userAsks.items.map((p) => p.id)).not.toContain(plan.id);
  });

  it('deletes a plan never sold', async () => {
    const plan = (
      await create({ name: 'Unsold', priceMinor: 100, currency: 'USD', interval: 'year' })
    ).json<{ id: string }>();
    const del = await app.inject({
      method: 'DELETE',
      url: `/plans/${plan.id}`,
      headers: admin.headers,
    });
    expect(del.statusCode).toBe(204);
    expect(await db.plan.findUnique({ where: { id: plan.id } })).toBeNull();
  });
});
