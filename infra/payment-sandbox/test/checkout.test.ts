import { eventually } from '@kavosh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY,
  deliveriesSettled,
  payJson,
  startSandboxWithReceiver,
  subscriptionCheckout,
} from './helpers.js';

describe('checkout through the sandbox with the official SDK', () => {
  let env: Awaited<ReturnType<typeof startSandboxWithReceiver>>;
  beforeAll(async () => {
    env = await startSandboxWithReceiver();
  });
  afterAll(async () => {
    await env.close();
    await env.receiver.stop();
  });

  it('creates a session Stripe-shaped, pays it with 4242, and signs every webhook verifiably', async () => {
    const { stripe, receiver, secret } = env;
    const customer = await stripe.customers.create({
      email: 'ada@example.com',
      name: 'Ada',
      metadata: { userId: 'user-1' },
    });
    expect(customer).toMatchObject({
      object: 'customer',
      email: 'ada@example.com',
      livemode: false,
    });
    expect(customer.id).toMatch(/^cus_/);
    // API calls answer before their webhooks go out, as at Stripe.
    await eventually(() => expect(receiver.types(stripe, secret)).toEqual(['customer.created']));
    receiver.clear();

    const session = await stripe.checkout.sessions.create(subscriptionCheckout(customer.id));
    expect(session).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      customer: customer.id,
      subscription: null,
      amount_total: 999,
      currency: 'eur',
      mode: 'subscription',
      client_reference_id: 'local-sub-1',
      metadata: { subscriptionId: 'local-sub-1', userId: 'user-1' },
      url: `${env.url}/checkout/${session.id}`,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.expires_at - session.created).toBe(DAY);

    const paid = await payJson(env.url, session.id, '4242424242424242');
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'succeeded', customerId: customer.id });

    // The pay call answers after the webhooks were attempted: no waiting needed.
    const events = receiver.events(stripe, secret);
    expect(events.map((event) => event.type)).toEqual([
      'customer.updated',
      'customer.subscription.created',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
      'checkout.session.completed',
    ]);
    for (const event of events) {
      expect(event).toMatchObject({
        object: 'event',
        api_version: '2026-11-18.endive',
        livemode: false,
      });
      expect(event.id).toMatch(/^evt_/);
    }
    expect(receiver.received[0]!.headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    const subscription = await stripe.subscriptions.retrieve(paid.body.subscriptionId);
    const item = subscription.items.data[0]!;
    expect(subscription).toMatchObject({
      status: 'active',
      customer: customer.id,
      cancel_at_period_end: false,
      latest_invoice: paid.body.invoiceId,
      metadata: { subscriptionId: 'local-sub-1', userId: 'user-1' },
    });
    expect(item.price).toMatchObject({
      unit_amount: 999,
      currency: 'eur',
      recurring: { interval: 'month' },
    });
    expect(item.current_period_end).toBeGreaterThan(item.current_period_start + 27 * DAY);

    const invoice = await stripe.invoices.retrieve(paid.body.invoiceId);
    expect(invoice).toMatchObject({
      status: 'paid',
      amount_due: 999,
      amount_paid: 999,
      billing_reason: 'subscription_create',
      customer: customer.id,
      parent: {
        type: 'subscription_details',
        subscription_details: {
          subscription: subscription.id,
          metadata: { subscriptionId: 'local-sub-1' },
        },
      },
    });
    expect(invoice.status_transitions.paid_at).not.toBeNull();
    expect(invoice.payments?.data[0]).toMatchObject({ status: 'paid', amount_paid: 999 });
    expect(invoice.lines.data[0]!.period).toEqual({
      start: item.current_period_start,
      end: item.current_period_end,
    });

    const completed = await stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      subscription: subscription.id,
      url: null,
    });
    const completedEvent = events.at(-1)!;
    expect(completedEvent.data.object).toMatchObject({
      id: session.id,
      subscription: subscription.id,
    });
    expect(completedEvent.request).toBeNull();

    // Paying twice is refused.
    expect((await payJson(env.url, session.id, '4242424242424242')).status).toBe(400);
  });

  it('a declined card leaves the session open with nothing created', async () => {
    const { stripe, receiver } = env;
    const customer = await stripe.customers.create({ email: 'bob@example.com' });
    const session = await stripe.checkout.sessions.create(subscriptionCheckout(customer.id));
    const before = (await env.call('GET', '/_sandbox/state')).body;
    await deliveriesSettled(env);
    receiver.clear();

    const declined = await payJson(env.url, session.id, '4000000000000002');
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
    const unknownCard = await payJson(env.url, session.id, '1234123412341234');
    expect(unknownCard.body.error).toMatchObject({ type: 'card_error', code: 'incorrect_number' });

    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    const after = (await env.call('GET', '/_sandbox/state')).body;
    expect(after.subscriptions).toBe(before.subscriptions);
    expect(after.invoices).toBe(before.invoices);
    expect(receiver.received).toHaveLength(0);

    // The same session can still be paid with a good card.
    expect((await payJson(env.url, session.id, '4242424242424242')).status).toBe(200);
  });

  it('serves an escaped HTML page whose form redirects to success_url', async () => {
    const { stripe } = env;
    const customer = await stripe.customers.create({});
    const session = await stripe.checkout.sessions.create(
      subscriptionCheckout(customer.id, {
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'eur',
              unit_amount: 1250,
              recurring: { interval: 'month' },
              product_data: { name: '<script>alert(1)</script>' },
            },
          },
        ],
      }),
    );
    const page = await fetch(session.url!);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('12.50 EUR / month');

    const form = await fetch(`${env.url}/checkout/${session.id}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'card=4000000000000002',
      redirect: 'manual',
    });
    expect(form.status).toBe(402);
    expect(await form.text()).toContain('Your card was declined.');

    const paid = await fetch(`${env.url}/checkout/${session.id}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'card=4242+4242+4242+4242',
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(
      `https://app.example/billing/success?session=${session.id}`,
    );
  });

  it('a trial starts trialing with a zero invoice, and its end charges the card', async () => {
    const { stripe, receiver, secret } = env;
    const customer = await stripe.customers.create({ email: 'tia@example.com' });
    const session = await stripe.checkout.sessions.create(
      subscriptionCheckout(customer.id, {
        subscription_data: { trial_period_days: 14, metadata: { subscriptionId: 'trial-1' } },
      }),
    );
    const paid = await payJson(env.url, session.id, '4242424242424242');
    const subscription = await stripe.subscriptions.retrieve(paid.body.subscriptionId);
    expect(subscription.status).toBe('trialing');
    expect(subscription.trial_end! - subscription.trial_start!).toBe(14 * DAY);
    expect(subscription.items.data[0]!.current_period_end).toBe(subscription.trial_end);
    const firstInvoice = await stripe.invoices.retrieve(paid.body.invoiceId);
    expect(firstInvoice).toMatchObject({ amount_due: 0, status: 'paid' });
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe(
      'no_payment_required',
    );

    receiver.clear();
    await env.call('POST', '/_sandbox/clock/advance', { seconds: 14 * DAY + 60 });
    const ours = receiver
      .events(stripe, secret)
      .filter((event) => JSON.stringify(event.data.object).includes(subscription.id));
    expect(ours.map((event) => event.type)).toEqual([
      'customer.subscription.updated',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
    ]);
    expect(ours[0]!.data.previous_attributes).toMatchObject({ status: 'trialing' });
    const active = await stripe.subscriptions.retrieve(subscription.id);
    expect(active.status).toBe('active');
    expect(active.items.data[0]!.current_period_start).toBe(subscription.trial_end);
    const invoices = await stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data.map((invoice) => [invoice.billing_reason, invoice.amount_paid])).toEqual([
      ['subscription_cycle', 999],
      ['subscription_create', 0],
    ]);
  });

  it('a session without a customer creates one when paid', async () => {
    const { stripe, receiver, secret } = env;
    const session = await stripe.checkout.sessions.create(
      subscriptionCheckout('', { customer: undefined, customer_email: 'new@example.com' }),
    );
    expect(session.customer).toBeNull();
    receiver.clear();
    const paid = await payJson(env.url, session.id, '5555555555554444');
    expect(receiver.types(stripe, secret)[0]).toBe('customer.created');
    const customer = await stripe.customers.retrieve(paid.body.customerId);
    expect(customer).toMatchObject({ email: 'new@example.com' });
  });
});
