import type { FastifyInstance } from 'fastify';
import { testCard } from '../cards.js';
import { findSession } from '../checkout/routes.js';
import { payCheckoutSession } from '../checkout/page.js';
import { findCustomer } from '../customers/routes.js';
import { representCustomer } from '../customers/representation.js';
import { Params, type RawParams } from '../http/params.js';
import { invalidParam, noSuch, StripeError } from '../http/stripe-error.js';
import type { Sandbox } from '../sandbox.js';
import { walkClockTo } from '../subscriptions/lifecycle.js';

/** Ten years: far enough for any test, near enough that a walk stays short. */
const MAX_ADVANCE_SECONDS = 10 * 366 * 24 * 60 * 60;

/**
 * The sandbox's own API under `/_sandbox` (same API key as `/v1`): the clock, card changes,
 * webhook chaos controls and counts for assertions. Nothing here exists at Stripe.
 */
export function controlRoutes(app: FastifyInstance, sandbox: Sandbox): void {
  const clockState = () => ({
    now: sandbox.clock.now(),
    iso: new Date(sandbox.clock.now() * 1000).toISOString(),
  });

  app.get('/_sandbox/clock', async () => clockState());

  app.post('/_sandbox/clock/advance', async (request) => {
    const body = Params.of(request.body as RawParams).allowOnly(['seconds', 'to']);
    const now = sandbox.clock.now();
    const seconds = body.integer('seconds', 0, MAX_ADVANCE_SECONDS);
    const to = body.integer('to', 0, now + MAX_ADVANCE_SECONDS);
    if ((seconds === undefined) === (to === undefined)) {
      throw invalidParam('seconds', 'Pass exactly one of seconds or to', 'parameter_missing');
    }
    if (to !== undefined && to < now) {
      throw invalidParam(
        'to',
        `The sandbox clock only moves forward (it is ${now})`,
        'parameter_invalid_integer',
      );
    }
    const eventsBefore = sandbox.state.events.size;
    const steps = walkClockTo(sandbox, to ?? now + (seconds ?? 0));
    // Answer only after every webhook of the walk was attempted once: tests can assert right away.
    await sandbox.webhooks.flush();
    return { ...clockState(), steps, events: sandbox.state.events.size - eventsBefore };
  });

  app.post<{ Params: { id: string } }>('/_sandbox/checkout/:id/pay', async (request) => {
    const body = Params.of(request.body as RawParams).allowOnly(['card']);
    return payCheckoutSession(
      sandbox,
      findSession(sandbox, request.params.id),
      body.requiredString('card', 32),
    );
  });

  app.post<{ Params: { id: string } }>('/_sandbox/customers/:id/card', async (request) => {
    const customer = findCustomer(sandbox, request.params.id);
    const body = Params.of(request.body as RawParams).allowOnly(['card']);
    const card = testCard(body.requiredString('card', 32));
    if (!card)
      throw new StripeError(
        402,
        'card_error',
        'Your card number is incorrect.',
        'incorrect_number',
        'card',
      );
    const before = representCustomer(customer);
    customer.card = card;
    for (const subscription of sandbox.state.subscriptions.values()) {
      if (subscription.customer === customer.id)
        subscription.defaultPaymentMethod = card.paymentMethodId;
    }
    const after = representCustomer(customer);
    sandbox.emit('customer.updated', after, null, { invoice_settings: before.invoice_settings });
    await sandbox.webhooks.flush();
    return { customer: customer.id, last4: card.last4, outcome: card.outcome };
  });

  app.post('/_sandbox/webhooks/pause', async () => {
    sandbox.webhooks.pause();
    return { paused: true };
  });

  app.post('/_sandbox/webhooks/resume', async (request) => {
    const body = Params.of(request.body as RawParams).allowOnly(['order', 'duplicate']);
    const order = body.oneOf('order', ['sent', 'reverse', 'shuffle'] as const) ?? 'sent';
    const duplicate = body.boolean('duplicate') ?? false;
    const released = sandbox.webhooks.resume(order, duplicate);
    await sandbox.webhooks.flush();
    return { paused: false, released, order, duplicate };
  });

  app.post('/_sandbox/webhooks/drop', async (request) => {
    const body = Params.of(request.body as RawParams).allowOnly(['types', 'count']);
    const count = body.integer('count', 1, 1000);
    const types = body.array('types', 50);
    if (count === undefined && types === undefined) {
      throw invalidParam('count', 'Pass count or types', 'parameter_missing');
    }
    for (const [index, type] of (types ?? []).entries()) {
      if (typeof type !== 'string' || !/^[a-z_.]{1,100}$/.test(type)) {
        throw invalidParam(`types[${index}]`, `Invalid event type: ${String(type)}`);
      }
    }
    sandbox.webhooks.drop({
      ...(count !== undefined ? { count } : {}),
      ...(types !== undefined ? { types: types as string[] } : {}),
    });
    return { dropping: { count: count ?? 0, types: types ?? [] } };
  });

  app.post<{ Params: { id: string } }>('/_sandbox/events/:id/resend', async (request) => {
    const event = sandbox.state.events.get(request.params.id);
    if (!event) throw noSuch('event', request.params.id);
    sandbox.webhooks.resend(event);
    await sandbox.webhooks.flush();
    return { resent: event.id };
  });

  app.get('/_sandbox/deliveries', async (request) => {
    const query = Params.of(request.query as RawParams).allowOnly(['event', 'type']);
    const eventId = query.string('event', 255);
    const type = query.string('type', 100);
    const deliveries = sandbox.webhooks
      .list()
      .filter(
        (delivery) =>
          (eventId === undefined || delivery.eventId === eventId) &&
          (type === undefined || delivery.eventType === type),
      )
      .map((delivery) => ({
        ...delivery,
        statusCode: delivery.attempts.at(-1)?.statusCode ?? null,
      }));
    return { data: deliveries, paused: sandbox.webhooks.isPaused() };
  });

  app.get('/_sandbox/state', async () => ({
    ...sandbox.state.counts(),
    clock: sandbox.clock.now(),
  }));
}
