import { startPaymentSandbox, type PaymentSandbox } from '@kavosh/testing';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionCheckout, WebhookReceiver } from './helpers.js';

const SECRET = `whsec_${'ab'.repeat(24)}`;

describe('startPaymentSandbox: the sandbox as a real child process', () => {
  let sandbox: PaymentSandbox;
  let receiver: WebhookReceiver;
  let stripe: Stripe;
  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    sandbox = await startPaymentSandbox({
      webhookUrl: receiver.url,
      env: { SANDBOX_RETRY_DAYS: '2', SANDBOX_WEBHOOK_SECRET: SECRET },
    });
    const { apiKey, ...connection } = sandbox.stripeConfig;
    stripe = new Stripe(apiKey, { ...connection, maxNetworkRetries: 0 });
  });
  afterAll(async () => {
    await sandbox.stop();
    await receiver.stop();
  });

  it('wires the startup webhook endpoint and drives a subscription through the helper', async () => {
    const customer = await stripe.customers.create({ email: 'p@example.com' });
    const session = await stripe.checkout.sessions.create(subscriptionCheckout(customer.id));
    expect(session.url).toBe(`${sandbox.url}/checkout/${session.id}`);
    const paid = await sandbox.pay(session.id, '4242424242424242');
    expect(paid.status).toBe('succeeded');
    expect(await sandbox.state()).toMatchObject({
      customers: 1,
      sessions: 1,
      subscriptions: 1,
      invoices: 1,
    });
    expect(sandbox.webhookSecret).toBe(SECRET);
    const types = receiver.types(stripe, SECRET);
    expect(types).toContain('checkout.session.completed');

    // A failing card for the renewal; SANDBOX_RETRY_DAYS=2 leaves one retry, then cancels.
    await sandbox.setCard(customer.id, '4000000000000341');
    const subscription = await stripe.subscriptions.retrieve(paid.subscriptionId);
    const { now } = await sandbox.clock();
    await sandbox.advanceClock(subscription.items.data[0]!.current_period_end - now + 10);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('past_due');
    await sandbox.advanceClock(2 * 24 * 60 * 60);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('canceled');

    const deliveries = await sandbox.deliveries({ type: 'customer.subscription.deleted' });
    expect(deliveries).toMatchObject([{ status: 'delivered', statusCode: 200 }]);

    await sandbox.pauseWebhooks();
    await sandbox.resend(deliveries[0]!.eventId);
    await sandbox.dropWebhooks({ count: 1 });
    const resumed = await sandbox.resumeWebhooks({ order: 'reverse' });
    expect(resumed.released).toBe(0);
  });
});
