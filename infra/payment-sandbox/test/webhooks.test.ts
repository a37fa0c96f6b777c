import { eventually } from '@kavosh/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deliveriesSettled,
  type Json,
  payJson,
  startSandboxWithReceiver,
  subscriptionCheckout,
} from './helpers.js';

describe('webhook delivery and its chaos controls', () => {
  let env: Awaited<ReturnType<typeof startSandboxWithReceiver>>;
  afterEach(async () => {
    await env.close();
    await env.receiver.stop();
  });

  async function paidCheckout() {
    const customer = await env.stripe.customers.create({ email: 'w@example.com' });
    const session = await env.stripe.checkout.sessions.create(subscriptionCheckout(customer.id));
    await deliveriesSettled(env);
    env.receiver.clear();
    return { customer, session };
  }

  const PAY_EVENTS = [
    'customer.updated',
    'customer.subscription.created',
    'invoice.created',
    'invoice.finalized',
    'invoice.paid',
    'invoice.payment_succeeded',
    'checkout.session.completed',
  ];

  it('pause holds deliveries; resume reverse + duplicate releases each twice, newest first', async () => {
    env = await startSandboxWithReceiver();
    const { session } = await paidCheckout();
    await env.call('POST', '/_sandbox/webhooks/pause');
    expect((await payJson(env.url, session.id, '4242424242424242')).status).toBe(200);
    expect(env.receiver.received).toHaveLength(0);
    const held = (await env.call('GET', '/_sandbox/deliveries')).body;
    expect(held.paused).toBe(true);
    expect(held.data.filter((d: Json) => d.status === 'held')).toHaveLength(PAY_EVENTS.length);

    const resumed = await env.call('POST', '/_sandbox/webhooks/resume', {
      order: 'reverse',
      duplicate: true,
    });
    expect(resumed.body).toMatchObject({ released: PAY_EVENTS.length, paused: false });
    const types = env.receiver.types(env.stripe, env.secret);
    const reversed = [...PAY_EVENTS].reverse();
    expect(types).toEqual(reversed.flatMap((type) => [type, type]));
    const ids = env.receiver.events(env.stripe, env.secret).map((event) => event.id);
    expect(new Set(ids).size).toBe(PAY_EVENTS.length);
  });

  it('shuffle releases every held delivery exactly once', async () => {
    env = await startSandboxWithReceiver();
    const { session } = await paidCheckout();
    await env.call('POST', '/_sandbox/webhooks/pause');
    await payJson(env.url, session.id, '4242424242424242');
    await env.call('POST', '/_sandbox/webhooks/resume', { order: 'shuffle' });
    expect(env.receiver.types(env.stripe, env.secret).sort()).toEqual([...PAY_EVENTS].sort());
  });

  it('drop loses the next event of a type, or the next n events, and resend delivers it again', async () => {
    env = await startSandboxWithReceiver();
    const { session } = await paidCheckout();
    expect(
      (await env.call('POST', '/_sandbox/webhooks/drop', { types: ['invoice.paid'] })).status,
    ).toBe(200);
    await payJson(env.url, session.id, '4242424242424242');
    const types = env.receiver.types(env.stripe, env.secret);
    expect(types).toEqual(PAY_EVENTS.filter((type) => type !== 'invoice.paid'));
    const dropped = (await env.call('GET', '/_sandbox/deliveries?type=invoice.paid')).body.data;
    expect(dropped).toMatchObject([{ status: 'dropped', attempts: [] }]);

    // The provider still has the event: a reconciliation can find it, or it can be resent.
    const events = await env.stripe.events.list({ type: 'invoice.paid' });
    expect(events.data[0]!.id).toBe(dropped[0].eventId);
    env.receiver.clear();
    await env.call('POST', `/_sandbox/events/${dropped[0].eventId}/resend`);
    expect(env.receiver.events(env.stripe, env.secret).map((event) => event.id)).toEqual([
      dropped[0].eventId,
    ]);

    env.receiver.clear();
    await env.call('POST', '/_sandbox/webhooks/drop', { count: 2 });
    const customer = await env.stripe.customers.create({});
    await env.stripe.customers.update(customer.id, { name: 'N' });
    await env.stripe.customers.update(customer.id, { name: 'M' });
    await deliveriesSettled(env);
    expect(env.receiver.types(env.stripe, env.secret)).toEqual(['customer.updated']);
  });

  it('a failing endpoint is retried with backoff until it answers 2xx', async () => {
    env = await startSandboxWithReceiver({ SANDBOX_WEBHOOK_RETRY_MS: '20' });
    let refusals = 2;
    env.receiver.respond = () => (refusals-- > 0 ? 500 : 204);
    const customer = await env.stripe.customers.create({ email: 'r@example.com' });
    const delivery = await eventually(async () => {
      const [found] = (await env.call('GET', '/_sandbox/deliveries?type=customer.created')).body
        .data;
      expect(found.status).toBe('delivered');
      return found;
    });
    expect(delivery.attempts.map((attempt: Json) => attempt.statusCode)).toEqual([500, 500, 204]);
    const events = env.receiver.events(env.stripe, env.secret);
    expect(new Set(events.map((event) => event.id)).size).toBe(1);
    expect((events[0]!.data.object as { id: string }).id).toBe(customer.id);
    // pending_webhooks counts the endpoints that have not acknowledged it yet.
    expect(events.map((event) => event.pending_webhooks)).toEqual([1, 1, 1]);
    expect((await env.stripe.events.retrieve(events[0]!.id)).pending_webhooks).toBe(0);
  });

  it('a retry that falls due while paused is held and sent on resume', async () => {
    env = await startSandboxWithReceiver({
      SANDBOX_WEBHOOK_RETRY_MS: '100',
      SANDBOX_WEBHOOK_MAX_ATTEMPTS: '10',
    });
    let refuse = true;
    env.receiver.respond = () => (refuse ? 503 : 200);
    await env.call('POST', '/_sandbox/webhooks/pause');
    await env.call('POST', '/_sandbox/webhooks/resume', {});
    await env.stripe.customers.create({});
    await eventually(async () => {
      expect(env.receiver.received.length).toBeGreaterThan(0);
    });
    await env.call('POST', '/_sandbox/webhooks/pause');
    await eventually(async () => {
      const [delivery] = (await env.call('GET', '/_sandbox/deliveries')).body.data;
      expect(delivery.status).toBe('held');
    });
    refuse = false;
    const resumed = await env.call('POST', '/_sandbox/webhooks/resume', {});
    expect(resumed.body.released).toBe(1);
    const [delivery] = (await env.call('GET', '/_sandbox/deliveries')).body.data;
    expect(delivery.status).toBe('delivered');
    const codes = delivery.attempts.map((attempt: Json) => attempt.statusCode);
    expect(codes.at(-1)).toBe(200);
    expect(codes.slice(0, -1).every((code: number) => code === 503)).toBe(true);
  });

  it('an unreachable endpoint is given up after the maximum attempts', async () => {
    env = await startSandboxWithReceiver({
      SANDBOX_WEBHOOK_RETRY_MS: '10',
      SANDBOX_WEBHOOK_MAX_ATTEMPTS: '3',
    });
    await env.stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/unreachable',
      enabled_events: ['customer.created'],
    });
    await env.stripe.customers.create({});
    await eventually(async () => {
      const deliveries = (await env.call('GET', '/_sandbox/deliveries')).body.data as Json[];
      const unreachable = deliveries.find((delivery) => delivery.url.endsWith('/unreachable'));
      expect(unreachable).toMatchObject({ status: 'failed', statusCode: null });
      expect(unreachable.attempts).toHaveLength(3);
      expect(unreachable.attempts[0].error).toBeTruthy();
    });
  });

  it('webhook endpoints: created with a secret, filtered by enabled_events, deleted', async () => {
    env = await startSandboxWithReceiver();
    const endpoint = await env.stripe.webhookEndpoints.create({
      url: env.receiver.url.replace('/webhooks', '/only-invoices'),
      enabled_events: ['invoice.paid'],
    });
    expect(endpoint.id).toMatch(/^we_/);
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await env.stripe.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined();
    const { session } = await paidCheckout();
    await payJson(env.url, session.id, '4242424242424242');
    const onlyInvoices = env.receiver.received.filter(
      (webhook) => webhook.path === '/only-invoices',
    );
    expect(
      onlyInvoices.map(
        (webhook) =>
          env.stripe.webhooks.constructEvent(
            webhook.rawBody,
            String(webhook.headers['stripe-signature']),
            endpoint.secret!,
          ).type,
      ),
    ).toEqual(['invoice.paid']);
    // Each endpoint signs with its own secret.
    expect(() =>
      env.stripe.webhooks.constructEvent(
        onlyInvoices[0]!.rawBody,
        String(onlyInvoices[0]!.headers['stripe-signature']),
        env.secret,
      ),
    ).toThrow(/signature/i);
    expect(await env.stripe.webhookEndpoints.del(endpoint.id)).toMatchObject({ deleted: true });
    await expect(env.stripe.webhookEndpoints.retrieve(endpoint.id)).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
