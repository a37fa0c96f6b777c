import type { FastifyInstance } from 'fastify';
import { causeOf } from '../http/cause.js';
import { LIST_PARAMS, listPage, queryParams } from '../http/list.js';
import { mergeMetadata, Params, type RawParams } from '../http/params.js';
import { noSuch, StripeError } from '../http/stripe-error.js';
import type { Sandbox } from '../sandbox.js';
import type { SubscriptionRecord } from '../state.js';
import { cancelNow } from './lifecycle.js';
import { representSubscription } from './representation.js';

const STATUSES = [
  'all',
  'ended',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'incomplete',
  'incomplete_expired',
  'paused',
] as const;

function findSubscription(sandbox: Sandbox, id: string): SubscriptionRecord {
  const subscription = sandbox.state.subscriptions.get(id);
  if (!subscription) throw noSuch('subscription', id);
  return subscription;
}

const canceledError = (subscription: SubscriptionRecord) =>
  new StripeError(
    400,
    'invalid_request_error',
    `A canceled subscription can only update its cancellation_details and metadata. (${subscription.id})`,
    'resource_missing',
  );

export function subscriptionRoutes(app: FastifyInstance, sandbox: Sandbox): void {
  app.get('/v1/subscriptions', async (request) => {
    const query = queryParams(request.query).allowOnly([
      ...LIST_PARAMS,
      'customer',
      'status',
      'price',
    ]);
    const customer = query.string('customer', 255);
    const status = query.oneOf('status', STATUSES);
    const price = query.string('price', 255);
    const subscriptions = [...sandbox.state.subscriptions.values()].filter((subscription) => {
      if (customer !== undefined && subscription.customer !== customer) return false;
      if (price !== undefined && subscription.item.price.id !== price) return false;
      // Like Stripe, canceled subscriptions are listed only when asked for.
      if (status === undefined) return subscription.status !== 'canceled';
      if (status === 'all') return true;
      if (status === 'ended') return subscription.status === 'canceled';
      return subscription.status === status;
    });
    return listPage(
      subscriptions,
      query,
      '/v1/subscriptions',
      'subscription',
      representSubscription,
    );
  });

  app.get<{ Params: { id: string } }>('/v1/subscriptions/:id', async (request) => {
    queryParams(request.query).allowOnly([]);
    return representSubscription(findSubscription(sandbox, request.params.id));
  });

  app.post<{ Params: { id: string } }>('/v1/subscriptions/:id', async (request) => {
    const subscription = findSubscription(sandbox, request.params.id);
    const body = Params.of(request.body as RawParams).allowOnly([
      'cancel_at_period_end',
      'metadata',
    ]);
    const cancelAtPeriodEnd = body.boolean('cancel_at_period_end');
    const metadata = body.metadata();
    if (subscription.status === 'canceled' && cancelAtPeriodEnd !== undefined) {
      throw canceledError(subscription);
    }
    const before = representSubscription(subscription);
    if (cancelAtPeriodEnd !== undefined && cancelAtPeriodEnd !== subscription.cancelAtPeriodEnd) {
      subscription.cancelAtPeriodEnd = cancelAtPeriodEnd;
      subscription.cancelAt = cancelAtPeriodEnd ? subscription.item.currentPeriodEnd : null;
      // Stripe sets canceled_at when the cancellation is requested, and clears it on undo.
      subscription.canceledAt = cancelAtPeriodEnd ? sandbox.clock.now() : null;
      subscription.cancellationReason = cancelAtPeriodEnd ? 'cancellation_requested' : null;
    }
    subscription.metadata = mergeMetadata(subscription.metadata, metadata);
    const after = representSubscription(subscription);
    const previous: Record<string, unknown> = {};
    for (const key of [
      'cancel_at',
      'cancel_at_period_end',
      'canceled_at',
      'cancellation_details',
      'metadata',
    ] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = before[key];
    }
    if (Object.keys(previous).length > 0) {
      sandbox.emit('customer.subscription.updated', after, causeOf(request), previous);
    }
    return after;
  });

  app.delete<{ Params: { id: string } }>('/v1/subscriptions/:id', async (request) => {
    const subscription = findSubscription(sandbox, request.params.id);
    Params.of(request.body as RawParams).allowOnly(['invoice_now', 'prorate']);
    if (subscription.status === 'canceled') throw canceledError(subscription);
    cancelNow(sandbox, subscription, 'cancellation_requested', causeOf(request));
    return representSubscription(subscription);
  });
}
