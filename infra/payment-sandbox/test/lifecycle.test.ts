import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DAY,
  deliveriesSettled,
  payJson,
  startSandboxWithReceiver,
  subscriptionCheckout,
} from './helpers.js';

describe('the sandbox clock drives the subscription lifecycle', () => {
  let env: Awaited<ReturnType<typeof startSandboxWithReceiver>>;
  beforeEach(async () => {
    env = await startSandboxWithReceiver();
  });
  afterEach(async () => {
    await env.close();
    await env.receiver.stop();
  });

  /** A paid monthly subscription; the receiver is emptied after its start. */
  async function subscribe(card = '4242424242424242') {
    const customer = await env.stripe.customers.create({ email: 'cy@example.com' });
    const session = await env.stripe.checkout.sessions.create(subscriptionCheckout(customer.id));
    const paid = await payJson(env.url, session.id, card);
    expect(paid.status).toBe(200);
    await deliveriesSettled(env);
    env.receiver.clear();
    return {
      customer,
      session,
      subscription: await env.stripe.subscriptions.retrieve(paid.body.subscriptionId),
    };
  }

  const advance = async (seconds: number) => {
    const answer = await env.call('POST', '/_sandbox/clock/advance', { seconds });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  const received = () => env.receiver.events(env.stripe, env.secret);
  const periodOf = (subscription: Stripe.Subscription) => subscription.items.data[0]!;

  it('renews at period end: the new period, a new invoice, paid', async () => {
    const { subscription } = await subscribe();
    const firstPeriod = periodOf(subscription);
    const clockBefore = (await env.call('GET', '/_sandbox/clock')).body.now;
    const walk = await advance(firstPeriod.current_period_end - clockBefore + 60);
    expect(walk.steps).toBe(1);

    const events = received();
    expect(events.map((event) => event.type)).toEqual([
      'customer.subscription.updated',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
    ]);
    const updated = events[0]!.data.object as Stripe.Subscription;
    expect(periodOf(updated).current_period_start).toBe(firstPeriod.current_period_end);
    expect(events[0]!.data.previous_attributes).toMatchObject({
      items: { data: [{ current_period_end: firstPeriod.current_period_end }] },
    });
    const invoice = events[3]!.data.object as Stripe.Invoice;
    expect(invoice).toMatchObject({
      billing_reason: 'subscription_cycle',
      amount_paid: 999,
      status: 'paid',
    });
    expect(invoice.lines.data[0]!.period.start).toBe(firstPeriod.current_period_end);
    expect(events.every((event) => event.created >= firstPeriod.current_period_end)).toBe(true);

    const now = await env.stripe.subscriptions.retrieve(subscription.id);
    expect(now.status).toBe('active');
    expect(now.latest_invoice).toBe(invoice.id);
  });

  it('a card that fails later charges: past_due, retries at +1, +3, +5 days, then canceled', async () => {
    const { subscription } = await subscribe('4000000000000341');
    const periodEnd = periodOf(subscription).current_period_end;
    const clockBefore = (await env.call('GET', '/_sandbox/clock')).body.now;
    await advance(periodEnd - clockBefore + 60);

    expect(received().map((event) => event.type)).toEqual([
      'customer.subscription.updated',
      'invoice.created',
      'invoice.finalized',
      'invoice.payment_failed',
      'customer.subscription.updated',
    ]);
    const failed = received()[3]!.data.object as Stripe.Invoice;
    expect(failed).toMatchObject({ status: 'open', attempt_count: 1, amount_paid: 0 });
    expect(failed.next_payment_attempt).toBe(failed.status_transitions.finalized_at! + DAY);
    expect((await env.stripe.subscriptions.retrieve(subscription.id)).status).toBe('past_due');

    env.receiver.clear();
    await advance(DAY);
    expect(received().map((event) => event.type)).toEqual(['invoice.payment_failed']);
    expect((received()[0]!.data.object as Stripe.Invoice).attempt_count).toBe(2);

    env.receiver.clear();
    await advance(2 * DAY);
    await advance(2 * DAY);
    expect(received().map((event) => event.type)).toEqual([
      'invoice.payment_failed',
      'invoice.payment_failed',
      'customer.subscription.deleted',
    ]);
    const last = received()[1]!.data.object as Stripe.Invoice;
    expect(last).toMatchObject({ attempt_count: 4, next_payment_attempt: null });
    const canceled = await env.stripe.subscriptions.retrieve(subscription.id);
    expect(canceled).toMatchObject({
      status: 'canceled',
      cancellation_details: { reason: 'payment_failed' },
    });
    expect(canceled.ended_at).not.toBeNull();

    // Nothing more happens to a canceled subscription.
    env.receiver.clear();
    await advance(40 * DAY);
    expect(received()).toHaveLength(0);
  });

  it('a retry that succeeds after the card was replaced brings the subscription back to active', async () => {
    const { customer, subscription } = await subscribe('4000000000000341');
    const clockBefore = (await env.call('GET', '/_sandbox/clock')).body.now;
    await advance(periodOf(subscription).current_period_end - clockBefore + 60);
    expect((await env.stripe.subscriptions.retrieve(subscription.id)).status).toBe('past_due');

    const setCard = await env.call('POST', `/_sandbox/customers/${customer.id}/card`, {
      card: '4242424242424242',
    });
    expect(setCard.status).toBe(200);
    env.receiver.clear();
    await advance(DAY);
    expect(received().map((event) => event.type)).toEqual([
      'invoice.paid',
      'invoice.payment_succeeded',
      'customer.subscription.updated',
    ]);
    expect(received()[2]!.data.previous_attributes).toEqual({ status: 'past_due' });
    expect((await env.stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
  });

  it('cancel_at_period_end ends the subscription at period end, and can be undone before', async () => {
    const { subscription } = await subscribe();
    const periodEnd = periodOf(subscription).current_period_end;
    const set = await env.stripe.subscriptions.update(subscription.id, {
      cancel_at_period_end: true,
    });
    expect(set).toMatchObject({
      cancel_at_period_end: true,
      cancel_at: periodEnd,
      status: 'active',
    });
    expect(set.canceled_at).not.toBeNull();
    const undone = await env.stripe.subscriptions.update(subscription.id, {
      cancel_at_period_end: false,
    });
    expect(undone).toMatchObject({
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
    });
    await env.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    await deliveriesSettled(env);
    const updates = received();
    expect(updates.map((event) => event.type)).toEqual([
      'customer.subscription.updated',
      'customer.subscription.updated',
      'customer.subscription.updated',
    ]);
    expect(updates[0]!.data.previous_attributes).toMatchObject({
      cancel_at_period_end: false,
      cancel_at: null,
    });
    expect(updates[0]!.request?.id).toMatch(/^req_/);

    env.receiver.clear();
    const clockBefore = (await env.call('GET', '/_sandbox/clock')).body.now;
    await advance(periodEnd - clockBefore + 60);
    expect(received().map((event) => event.type)).toEqual(['customer.subscription.deleted']);
    const ended = await env.stripe.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({ status: 'canceled', ended_at: periodEnd });
    expect(await env.stripe.invoices.list({ subscription: subscription.id })).toMatchObject({
      data: [{ billing_reason: 'subscription_create' }],
    });
  });

  it('DELETE cancels now; lists hide canceled subscriptions unless status=all', async () => {
    const { customer, subscription } = await subscribe();
    const canceled = await env.stripe.subscriptions.cancel(subscription.id);
    expect(canceled).toMatchObject({
      status: 'canceled',
      cancellation_details: { reason: 'cancellation_requested' },
    });
    await deliveriesSettled(env);
    expect(received().map((event) => event.type)).toEqual(['customer.subscription.deleted']);
    expect((await env.stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
    const all = await env.stripe.subscriptions.list({ customer: customer.id, status: 'all' });
    expect(all.data.map((sub) => sub.id)).toEqual([subscription.id]);
    await expect(
      env.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
  });

  it('open checkout sessions expire after 24 hours of sandbox time', async () => {
    const customer = await env.stripe.customers.create({});
    const session = await env.stripe.checkout.sessions.create(subscriptionCheckout(customer.id));
    await deliveriesSettled(env);
    env.receiver.clear();
    await advance(DAY - 120);
    expect((await env.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    await advance(180);
    expect(received().map((event) => event.type)).toEqual(['checkout.session.expired']);
    expect((await env.stripe.checkout.sessions.retrieve(session.id)).status).toBe('expired');
    expect((await payJson(env.url, session.id, '4242424242424242')).status).toBe(400);

    const another = await env.stripe.checkout.sessions.create(subscriptionCheckout(customer.id));
    const expired = await env.stripe.checkout.sessions.expire(another.id);
    expect(expired.status).toBe('expired');
    await expect(env.stripe.checkout.sessions.expire(another.id)).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('deleting a customer cancels its subscriptions and leaves a tombstone', async () => {
    const { customer, subscription } = await subscribe();
    const updated = await env.stripe.customers.update(customer.id, {
      email: '',
      name: '',
      metadata: { userId: '' },
    });
    expect(updated).toMatchObject({ email: null, name: null, metadata: {} });
    const deleted = await env.stripe.customers.del(customer.id);
    expect(deleted).toEqual({ id: customer.id, object: 'customer', deleted: true });
    expect(await env.stripe.customers.retrieve(customer.id)).toMatchObject({ deleted: true });
    expect((await env.stripe.subscriptions.retrieve(subscription.id)).status).toBe('canceled');
    await expect(env.stripe.customers.del(customer.id)).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
    await deliveriesSettled(env);
    expect(received().map((event) => event.type)).toEqual([
      'customer.updated',
      'customer.subscription.deleted',
      'customer.deleted',
    ]);
  });
});
