import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_API_VERSION } from '../src/constants.js';
import { API_KEY, startSandbox, subscriptionCheckout, type RunningSandbox } from './helpers.js';

describe('bad input is answered like Stripe, never a crash', () => {
  let env: RunningSandbox;
  beforeAll(async () => {
    env = await startSandbox();
  });
  afterAll(async () => {
    await env.close();
  });

  const form = (path: string, body: string, key = API_KEY) =>
    fetch(`${env.url}${path}`, {
      method: 'POST',
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });

  it('the SDK pins the API version the sandbox speaks', () => {
    expect(Stripe.API_VERSION).toBe(STRIPE_API_VERSION);
  });

  it('no key or a wrong key: 401, on /v1 and /_sandbox alike', async () => {
    const missing = await form('/v1/customers', 'email=a%40b.c', '');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    await expect(
      new Stripe('sk_test_wrong_key_1234', {
        host: '127.0.0.1',
        port: Number(new URL(env.url).port),
        protocol: 'http',
        maxNetworkRetries: 0,
      }).customers.create({}),
    ).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
    const control = await fetch(`${env.url}/_sandbox/state`);
    expect(control.status).toBe(401);
  });

  it('names the offending param for unknown, missing and invalid values', async () => {
    const customer = await env.stripe.customers.create({});
    const cases: [Stripe.Checkout.SessionCreateParams, string, string][] = [
      [
        { ...subscriptionCheckout(customer.id), mode: undefined } as never,
        'mode',
        'parameter_missing',
      ],
      [subscriptionCheckout(customer.id, { mode: 'payment' }), 'mode', 'parameter_invalid_string'],
      [subscriptionCheckout('cus_nope'), 'customer', 'resource_missing'],
      [subscriptionCheckout(customer.id, { line_items: [] }), 'line_items', 'parameter_missing'],
      [
        subscriptionCheckout(customer.id, {
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: 'euro',
                unit_amount: 5,
                recurring: { interval: 'month' },
                product_data: { name: 'x' },
              },
            },
          ],
        }),
        'line_items[0][price_data][currency]',
        'string_too_long',
      ],
      [
        subscriptionCheckout(customer.id, {
          line_items: [
            {
              quantity: 0,
              price_data: {
                currency: 'eur',
                unit_amount: 5,
                recurring: { interval: 'fortnight' as 'month' },
                product_data: { name: 'x' },
              },
            },
          ],
        }),
        'line_items[0][price_data][recurring][interval]',
        'parameter_invalid_string',
      ],
      [
        subscriptionCheckout(customer.id, { subscription_data: { trial_period_days: 0 } }),
        'subscription_data[trial_period_days]',
        'parameter_invalid_integer',
      ],
      [
        subscriptionCheckout(customer.id, { success_url: 'javascript:alert(1)' }),
        'success_url',
        'url_invalid',
      ],
      [
        { ...subscriptionCheckout(customer.id), surprise: 'x' } as never,
        'surprise',
        'parameter_unknown',
      ],
    ];
    for (const [params, param, code] of cases) {
      const refused = await env.stripe.checkout.sessions.create(params).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, param).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(refused, param).toMatchObject({ param, code });
    }
    expect((await env.call('GET', '/_sandbox/state')).body.sessions).toBe(0);
  });

  it('metadata is bounded like Stripe: 50 keys, 40-character keys, 500-character values', async () => {
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await expect(env.stripe.customers.create({ metadata: tooMany })).rejects.toMatchObject({
      statusCode: 400,
      param: 'metadata',
    });
    await expect(
      env.stripe.customers.create({ metadata: { k: 'v'.repeat(501) } }),
    ).rejects.toMatchObject({ param: 'metadata[k]' });
    await expect(env.stripe.customers.create({ email: 'not-an-email' })).rejects.toMatchObject({
      param: 'email',
    });
  });

  it('unknown ids are 404 resource_missing; unknown routes 404; malformed bodies 400; huge bodies 413', async () => {
    await expect(env.stripe.subscriptions.retrieve('sub_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: expect.stringContaining("No such subscription: 'sub_missing'"),
    });
    await expect(env.stripe.invoices.retrieve('in_missing')).rejects.toMatchObject({
      statusCode: 404,
    });
    const route = await env.call('GET', '/v1/charges');
    expect(route).toMatchObject({
      status: 404,
      body: { error: { type: 'invalid_request_error' } },
    });

    const badJson = await fetch(`${env.url}/_sandbox/clock/advance`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: '{"seconds":',
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { type: 'invalid_request_error' } });

    const huge = await form('/v1/customers', `description=${'x'.repeat(70_000)}`);
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { type: 'invalid_request_error' } });

    const deep = await form('/v1/customers', 'metadata[a][b][c][d][e][f][g]=1');
    expect(deep.status).toBe(400);
  });

  it('the _sandbox API validates its input too', async () => {
    expect((await env.call('POST', '/_sandbox/clock/advance', {})).status).toBe(400);
    expect((await env.call('POST', '/_sandbox/clock/advance', { seconds: -5 })).status).toBe(400);
    const past = await env.call('POST', '/_sandbox/clock/advance', { to: 1 });
    expect(past).toMatchObject({ status: 400, body: { error: { param: 'to' } } });
    const order = await env.call('POST', '/_sandbox/webhooks/resume', { order: 'sideways' });
    expect(order).toMatchObject({ status: 400, body: { error: { param: 'order' } } });
    expect((await env.call('POST', '/_sandbox/webhooks/drop', {})).status).toBe(400);
    expect(
      (await env.call('POST', '/_sandbox/customers/cus_nope/card', { card: '4242424242424242' }))
        .status,
    ).toBe(404);
    expect((await env.call('POST', '/_sandbox/events/evt_nope/resend')).status).toBe(404);
  });

  it('lists page newest first with starting_after and has_more, as the SDK auto-pages them', async () => {
    const customer = await env.stripe.customers.create({ email: 'page@example.com' });
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(
        (await env.stripe.checkout.sessions.create(subscriptionCheckout(customer.id))).id,
      );
    }
    const first = await env.stripe.checkout.sessions.list({ customer: customer.id, limit: 2 });
    expect(first.data.map((session) => session.id)).toEqual([created[4], created[3]]);
    expect(first.has_more).toBe(true);
    const next = await env.stripe.checkout.sessions.list({
      customer: customer.id,
      limit: 2,
      starting_after: first.data[1]!.id,
    });
    expect(next.data.map((session) => session.id)).toEqual([created[2], created[1]]);
    const all: string[] = [];
    for await (const session of env.stripe.checkout.sessions.list({
      customer: customer.id,
      limit: 2,
    })) {
      all.push(session.id);
    }
    expect(all).toEqual([...created].reverse());
    await expect(env.stripe.checkout.sessions.list({ limit: 101 })).rejects.toMatchObject({
      param: 'limit',
    });
  });
});
