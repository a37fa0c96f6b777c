import type { FastifyInstance } from 'fastify';
import { CHECKOUT_SESSION_LIFETIME_SECONDS } from '../constants.js';
import { findCustomer } from '../customers/routes.js';
import { causeOf } from '../http/cause.js';
import { LIST_PARAMS, listPage, queryParams } from '../http/list.js';
import { initialMetadata, Params, type RawParams } from '../http/params.js';
import { invalidParam, missingParam, noSuch, StripeError } from '../http/stripe-error.js';
import { newId } from '../ids.js';
import type { Sandbox } from '../sandbox.js';
import type { CheckoutSessionRecord, PriceRecord } from '../state.js';
import { expireSession } from '../subscriptions/lifecycle.js';
import { representSession } from './representation.js';

const CREATE_FIELDS = [
  'mode',
  'customer',
  'customer_email',
  'client_reference_id',
  'metadata',
  'success_url',
  'cancel_url',
  'line_items',
  'subscription_data',
  'payment_method_types',
  'expires_at',
] as const;

function url(params: Params, key: string): string | null {
  const value = params.string(key, 5000);
  if (value === undefined || value === '') return null;
  if (!/^https?:\/\/[^\s]+$/.test(value))
    throw invalidParam(params.name(key), `Not a valid URL`, 'url_invalid');
  return value;
}

/** `line_items[0]` with inline `price_data`: the one recurring price the subscription gets. */
function readLineItem(sandbox: Sandbox, body: Params): { price: PriceRecord; quantity: number } {
  const items = body.array('line_items', 1);
  if (items === undefined || items.length === 0) throw missingParam('line_items');
  const item = Params.of(items[0], 'line_items[0]').allowOnly(['price_data', 'quantity', 'price']);
  if (item.has('price')) {
    throw invalidParam(
      item.name('price'),
      'The sandbox has no Prices API: pass the price inline as line_items[0][price_data]',
      'resource_missing',
    );
  }
  const priceData = item.object('price_data');
  if (!priceData) throw missingParam(item.name('price_data'));
  priceData.allowOnly(['currency', 'unit_amount', 'recurring', 'product_data']);
  const currency = priceData.requiredString('currency', 3).toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) {
    throw invalidParam(priceData.name('currency'), `Invalid currency: ${currency}`);
  }
  const unitAmount = priceData.integer('unit_amount', 0, 99_999_999);
  if (unitAmount === undefined) throw missingParam(priceData.name('unit_amount'));
  const recurring = priceData.object('recurring');
  if (!recurring) {
    throw invalidParam(
      priceData.name('recurring'),
      'You must provide at least one recurring price in `subscription` mode when using prices.',
      'parameter_missing',
    );
  }
  recurring.allowOnly(['interval', 'interval_count']);
  const interval = recurring.oneOf('interval', ['day', 'week', 'month', 'year'] as const);
  if (interval === undefined) throw missingParam(recurring.name('interval'));
  const intervalCount = recurring.integer('interval_count', 1, 12) ?? 1;
  const productData = priceData.object('product_data');
  if (!productData) throw missingParam(priceData.name('product_data'));
  productData.allowOnly(['name', 'description', 'metadata']);
  const productName = productData.requiredString('name', 250);
  // Accepted and checked like Stripe's; the inline product itself is not kept.
  productData.string('description', 40_000);
  productData.metadata();
  const quantity = item.integer('quantity', 1, 1000);
  if (quantity === undefined) throw missingParam(item.name('quantity'));
  return {
    price: {
      id: newId('price'),
      productId: newId('prod', 14),
      productName,
      created: sandbox.clock.now(),
      currency,
      unitAmount,
      interval,
      intervalCount,
    },
    quantity,
  };
}

export function findSession(sandbox: Sandbox, id: string): CheckoutSessionRecord {
  const session = sandbox.state.sessions.get(id);
  if (!session) throw noSuch('checkout.session', id);
  return session;
}

export function checkoutSessionRoutes(app: FastifyInstance, sandbox: Sandbox): void {
  const represent = (session: CheckoutSessionRecord) =>
    representSession(session, sandbox.config.publicUrl);

  app.post('/v1/checkout/sessions', async (request) => {
    const body = Params.of(request.body as RawParams).allowOnly(CREATE_FIELDS);
    const mode = body.oneOf('mode', ['subscription', 'payment', 'setup'] as const);
    if (mode === undefined) throw missingParam('mode');
    if (mode !== 'subscription') {
      throw invalidParam(
        'mode',
        'The sandbox emulates subscription mode only',
        'parameter_invalid_string',
      );
    }
    const customerId = body.string('customer', 255);
    const customer = customerId ? findCustomer(sandbox, customerId, 'customer') : undefined;
    const customerEmail = body.string('customer_email', 512);
    if (customer && customerEmail) {
      throw invalidParam(
        'customer_email',
        'You may only specify one of these parameters: customer, customer_email.',
        'parameter_invalid_string',
      );
    }
    const types = body.array('payment_method_types', 5);
    if (types !== undefined && types.some((type) => type !== 'card')) {
      throw invalidParam('payment_method_types', 'The sandbox takes card payments only');
    }
    const now = sandbox.clock.now();
    const expiresAt = body.integer(
      'expires_at',
      now + 30 * 60,
      now + CHECKOUT_SESSION_LIFETIME_SECONDS,
    );
    const subscriptionData = body.object('subscription_data');
    subscriptionData?.allowOnly(['trial_period_days', 'metadata']);
    const { price, quantity } = readLineItem(sandbox, body);
    const session: CheckoutSessionRecord = {
      id: newId('cs_test', 58),
      created: now,
      expiresAt: expiresAt ?? now + CHECKOUT_SESSION_LIFETIME_SECONDS,
      customer: customer?.id ?? null,
      customerEmail: customer?.email ?? customerEmail ?? null,
      clientReferenceId: body.string('client_reference_id', 200) || null,
      metadata: initialMetadata(body.metadata()),
      successUrl: url(body, 'success_url'),
      cancelUrl: url(body, 'cancel_url'),
      price,
      quantity,
      trialPeriodDays: subscriptionData?.integer('trial_period_days', 1, 730) ?? null,
      subscriptionMetadata: initialMetadata(subscriptionData?.metadata()),
      status: 'open',
      paymentStatus: 'unpaid',
      subscription: null,
      invoice: null,
    };
    sandbox.state.sessions.set(session.id, session);
    return represent(session);
  });

  app.get('/v1/checkout/sessions', async (request) => {
    const query = queryParams(request.query).allowOnly([
      ...LIST_PARAMS,
      'customer',
      'status',
      'subscription',
    ]);
    const customer = query.string('customer', 255);
    const status = query.oneOf('status', ['open', 'complete', 'expired'] as const);
    const subscription = query.string('subscription', 255);
    const sessions = [...sandbox.state.sessions.values()].filter(
      (session) =>
        (customer === undefined || session.customer === customer) &&
        (status === undefined || session.status === status) &&
        (subscription === undefined || session.subscription === subscription),
    );
    return listPage(sessions, query, '/v1/checkout/sessions', 'checkout.session', represent);
  });

  app.get<{ Params: { id: string } }>('/v1/checkout/sessions/:id', async (request) => {
    queryParams(request.query).allowOnly([]);
    return represent(findSession(sandbox, request.params.id));
  });

  app.post<{ Params: { id: string } }>('/v1/checkout/sessions/:id/expire', async (request) => {
    Params.of(request.body as RawParams).allowOnly([]);
    const session = findSession(sandbox, request.params.id);
    if (session.status !== 'open') {
      throw new StripeError(
        400,
        'invalid_request_error',
        `Only Checkout Sessions with a status of \`open\` can be expired. This Checkout Session has a status of \`${session.status}\`.`,
        'checkout_session_not_open',
      );
    }
    expireSession(sandbox, session, causeOf(request));
    return represent(session);
  });
}
