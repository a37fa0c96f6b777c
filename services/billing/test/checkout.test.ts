import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import { eventually, PaymentSandboxError } from '@kavosh/testing';
import { createDatabase, type Database } from '../src/db.js';
import { callerWith, type Caller } from './fixtures.js';
import { startBillingWithSandbox, type BillingWithSandbox } from './helper.js';

describe('POST /checkout', () => {
  let env: BillingWithSandbox;
  let app: KavoshApp;
  let db: Database;
  let admin: Caller;
  let planId: string;
  let otherPlanId: string;

  const plan = async (name: string) =>
    (
      await app.inject({
        method: 'POST',
        url: '/plans',
        headers: admin.headers,
        payload: { name, priceMinor: 1200, currency: 'USD', interval: 'year', trialDays: 0 },
      })
    ).json<{ id: string }>().id;

  const checkout = (caller: Caller, key: string | undefined, payload: unknown = { planId }) =>
    app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { ...caller.headers, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload: payload as Record<string, unknown>,
    });

  beforeAll(async () => {
    env = await startBillingWithSandbox();
    app = env.billing.app;
    db = createDatabase(env.billing.databaseUrl);
    admin = await callerWith(['admin']);
    planId = await plan('Yearly');
    otherPlanId = await plan('Yearly two');
  }, 60_000);
  afterAll(async () => {
    await db?.$disconnect();
    await env?.close();
  });

  it('makes exactly one provider session for concurrent requests with one key', async () => {
    const user = await callerWith(['user']);
    const key = randomUUID();
    const before = await env.sandbox.state();
    const answers = await Promise.all(Array.from({ length: 8 }, () => checkout(user, key)));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    for (const a of answers.filter((x) => x.statusCode === 409))
      expect(a.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_FLIGHT' });
    const created = answers.filter((a) => a.statusCode === 201).map((a) => a.json());
    expect(new Set(created.map((c: { subscriptionId: string }) => c.subscriptionId)).size).toBe(1);
    const after = await env.sandbox.state();
    expect(after.sessions - before.sessions).toBe(1);
    expect(after.customers - before.customers).toBe(1);
    expect(await db.subscription.count({ where: { userId: user.userId } })).toBe(1);

    // Afterwards the same key and body replay the stored answer; nothing new is made.
    const replay = await checkout(user, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(created[0]);
    expect((await env.sandbox.state()).sessions).toBe(after.sessions);

    // The same key with another body is refused: 422.
    const reused = await checkout(user, key, { planId: otherPlanId });
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('replaces an abandoned checkout: its session can no longer be paid, the new one holds the slot', async () => {
    const user = await callerWith(['user']);
    const first = await checkout(user, randomUUID());
    expect(first.statusCode).toBe(201);
    const abandoned = await db.subscription.findUniqueOrThrow({
      where: { id: first.json<{ subscriptionId: string }>().subscriptionId },
    });

    const second = await checkout(user, randomUUID(), { planId: otherPlanId });
    expect(second.statusCode).toBe(201);
    const replacement = second.json<{ subscriptionId: string; planId: string }>();
    expect(replacement.subscriptionId).not.toBe(abandoned.id);
    expect(replacement.planId).toBe(otherPlanId);

    const old = await db.subscription.findUniqueOrThrow({ where: { id: abandoned.id } });
    expect(old.status).toBe('expired');
    expect(old.activeUserId).toBeNull();
    const audit = await db.subscriptionChange.findMany({ where: { subscriptionId: abandoned.id } });
    expect(audit.map((c) => [c.toStatus, c.cause])).toContainEqual(['expired', 'user']);
    // The provider closed the old session: paying it now is refused, nothing is charged.
    await expect(
      env.sandbox.pay(abandoned.providerCheckoutSessionId ?? '', '4242424242424242'),
    ).rejects.toBeInstanceOf(PaymentSandboxError);
    expect(await db.subscription.count({ where: { userId: user.userId } })).toBe(2);
  });

  it('lets concurrent first checkouts of one buyer (different keys) make one customer, never a 500', async () => {
    const user = await callerWith(['user']);
    const before = await env.sandbox.state();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => checkout(user, randomUUID())),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(
      statuses.every((s) => s === 201 || s === 409),
      JSON.stringify(statuses),
    ).toBe(true);
    expect(statuses).toContain(201);
    expect((await env.sandbox.state()).customers - before.customers).toBe(1);
    expect(await db.customer.count({ where: { userId: user.userId } })).toBe(1);
    expect(
      await db.subscription.count({ where: { userId: user.userId, activeUserId: user.userId } }),
    ).toBe(1);
  });

  it('refuses a second checkout while subscribed (409), and replays that refusal for its key', async () => {
    const user = await callerWith(['user']);
    const first = await checkout(user, randomUUID());
    expect(first.statusCode).toBe(201);
    const pending = await db.subscription.findUniqueOrThrow({
      where: { id: first.json<{ subscriptionId: string }>().subscriptionId },
    });
    await env.sandbox.pay(pending.providerCheckoutSessionId ?? '', '4242424242424242');
    await eventually(async () =>
      expect((await db.subscription.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe(
        'active',
      ),
    );
    const key = randomUUID();
    const second = await checkout(user, key);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'ALREADY_SUBSCRIBED',
      subscriptionStatus: 'active',
    });
    const again = await checkout(user, key);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_SUBSCRIBED' });
    expect(await db.subscription.count({ where: { userId: user.userId } })).toBe(1);
  });

  it('forgets a key after 24 h: then it runs again, whatever its body', async () => {
    const user = await callerWith(['user']);
    const key = randomUUID();
    await db.idempotencyKey.create({
      data: {
        userId: user.userId,
        key,
        fingerprint: 'f'.repeat(64),
        state: 'done',
        responseStatus: 201,
        responseBody: '{}',
        createdAt: new Date(Date.now() - 25 * 3_600_000),
        expiresAt: new Date(Date.now() - 3_600_000),
      },
    });
    const res = await checkout(user, key);
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    const stored = await db.idempotencyKey.findUniqueOrThrow({
      where: { userId_key: { userId: user.userId, key } },
    });
    expect(stored.state).toBe('done');
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  });

  it('answers 400 for a missing or malformed key or body, 401 without a token', async () => {
    const user = await callerWith(['user']);
    for (const key of [
      undefined,
      '',
      'short',
      'has spaces in it',
      'x'.repeat(256),
      'ünïcödé-key-123',
    ]) {
      const res = await checkout(user, key);
      expect(res.statusCode, String(key)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    for (const payload of [{}, { planId: 'nope' }, { planId, extra: 1 }, { planId: 42 }]) {
      expect((await checkout(user, randomUUID(), payload)).statusCode).toBe(400);
    }
    const anonymous = await app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { 'idempotency-key': randomUUID() },
      payload: { planId },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await db.subscription.count({ where: { userId: user.userId } })).toBe(0);
  });

  it('answers 404 for an unknown or archived plan, creating nothing', async () => {
    const user = await callerWith(['user']);
    const unknown = await checkout(user, randomUUID(), { planId: randomUUID() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'PLAN_NOT_FOUND' });
    const archivedId = await plan('Archived yearly');
    await app.inject({
      method: 'POST',
      url: `/plans/${archivedId}/archive`,
      headers: admin.headers,
    });
    const archived = await checkout(user, randomUUID(), { planId: archivedId });
    expect(archived.statusCode).toBe(404);
    expect(await db.subscription.count({ where: { userId: user.userId } })).toBe(0);
  });

  it('sells at the price of the moment: the subscription keeps its snapshot', async () => {
    const user = await callerWith(['user']);
    const id = await plan('Snapshot yearly');
    const res = await checkout(user, randomUUID(), { planId: id });
    await app.inject({
      method: 'PATCH',
      url: `/plans/${id}`,
      headers: admin.headers,
      payload: { priceMinor: 5000 },
    });
    const row = await db.subscription.findUniqueOrThrow({
      where: { id: res.json<{ subscriptionId: string }>().subscriptionId },
    });
    expect({ priceMinor: row.priceMinor, currency: row.currency }).toEqual({
      priceMinor: 1200,
      currency: 'USD',
    });
  });

  it('lets the database refuse a second subscription holding one user’s slot', async () => {
    const user = await callerWith(['user']);
    await checkout(user, randomUUID());
    const row = await db.subscription.findFirstOrThrow({ where: { userId: user.userId } });
    await expect(
      db.subscription.create({
        data: { ...row, id: randomUUID(), providerCheckoutSessionId: null, checkoutUrl: null },
      }),
    ).rejects.toThrow(/active_user_id|Unique constraint/);
    // The CHECK ties the slot to the status: an expired row cannot hold it, a live one must.
    await expect(
      db.subscription.update({ where: { id: row.id }, data: { status: 'expired' } }),
    ).rejects.toThrow(/subscriptions_active_user_check|CONSTRAINT|check/i);
    await expect(
      db.subscription.update({ where: { id: row.id }, data: { activeUserId: null } }),
    ).rejects.toThrow(/subscriptions_active_user_check|CONSTRAINT|check/i);
  });
});
