import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY,
  DAY,
  startSandbox,
  subscriptionCheckout,
  type RunningSandbox,
} from './helpers.js';

describe('Idempotency-Key like Stripe', () => {
  let env: RunningSandbox;
  beforeAll(async () => {
    env = await startSandbox();
  });
  afterAll(async () => {
    await env.close();
  });

  const sessions = async () => (await env.call('GET', '/_sandbox/state')).body.sessions;

  it('the same key with the same parameters replays the first answer; one session exists', async () => {
    const customer = await env.stripe.customers.create({});
    const before = await sessions();
    const params = subscriptionCheckout(customer.id);
    const first = await env.stripe.checkout.sessions.create(params, {
      idempotencyKey: 'checkout-1',
    });
    const again = await env.stripe.checkout.sessions.create(params, {
      idempotencyKey: 'checkout-1',
    });
    expect(again).toEqual(first);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(await sessions()).toBe(before + 1);
  });

  it('the same key with other parameters is refused with idempotency_error', async () => {
    const customer = await env.stripe.customers.create({});
    await env.stripe.checkout.sessions.create(subscriptionCheckout(customer.id), {
      idempotencyKey: 'checkout-2',
    });
    await expect(
      env.stripe.checkout.sessions.create(
        subscriptionCheckout(customer.id, { client_reference_id: 'other' }),
        { idempotencyKey: 'checkout-2' },
      ),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
  });

  it('concurrent requests with one key create exactly one session', async () => {
    const customer = await env.stripe.customers.create({});
    const before = await sessions();
    const params = subscriptionCheckout(customer.id);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        env.stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout-concurrent' }),
      ),
    );
    expect(await sessions()).toBe(before + 1);
    const ids = new Set(
      results.flatMap((result) => (result.status === 'fulfilled' ? [result.value.id] : [])),
    );
    expect(ids.size).toBe(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ statusCode: 409 });
    }
  });

  it('a request that failed validation is not stored: the key can be reused once corrected', async () => {
    const customer = await env.stripe.customers.create({});
    await expect(
      env.stripe.checkout.sessions.create(subscriptionCheckout(customer.id, { line_items: [] }), {
        idempotencyKey: 'checkout-3',
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'line_items' });
    const created = await env.stripe.checkout.sessions.create(subscriptionCheckout(customer.id), {
      idempotencyKey: 'checkout-3',
    });
    expect(created.status).toBe('open');
  });

  it('keys are kept 24 hours of sandbox time, and are at most 255 characters', async () => {
    const customer = await env.stripe.customers.create({});
    const params = subscriptionCheckout(customer.id);
    const first = await env.stripe.checkout.sessions.create(params, {
      idempotencyKey: 'checkout-4',
    });
    await env.call('POST', '/_sandbox/clock/advance', { seconds: DAY + 1 });
    const later = await env.stripe.checkout.sessions.create(params, {
      idempotencyKey: 'checkout-4',
    });
    expect(later.id).not.toBe(first.id);

    const tooLong = await fetch(`${env.url}/v1/customers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': 'k'.repeat(256),
      },
      body: 'email=a%40b.c',
    });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { code: string } }).error.code).toBe(
      'idempotency_key_invalid',
    );
  });

  it('events caused by a request carry its idempotency key', async () => {
    const customer = await env.stripe.customers.create(
      { email: 'k@example.com' },
      { idempotencyKey: 'customer-k' },
    );
    const events = await env.stripe.events.list({ type: 'customer.created', limit: 1 });
    expect(events.data[0]).toMatchObject({
      data: { object: { id: customer.id } },
      request: { idempotency_key: 'customer-k' },
    });
  });
});
