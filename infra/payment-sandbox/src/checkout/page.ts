import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KNOWN_TEST_CARDS, testCard } from '../cards.js';
import { createCustomer } from '../customers/routes.js';
import { representCustomer } from '../customers/representation.js';
import { Params, type RawParams } from '../http/params.js';
import { StripeError } from '../http/stripe-error.js';
import type { Sandbox } from '../sandbox.js';
import type { CheckoutSessionRecord } from '../state.js';
import { expireSession, subscribeFromCheckout } from '../subscriptions/lifecycle.js';
import { representSession } from './representation.js';
import { findSession } from './routes.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function formatAmount(session: CheckoutSessionRecord): string {
  const price = session.price;
  const total = (price.unitAmount * session.quantity) / 100;
  const every =
    price.intervalCount === 1 ? price.interval : `${price.intervalCount} ${price.interval}s`;
  return `${total.toFixed(2)} ${price.currency.toUpperCase()} / ${every}`;
}

function page(session: CheckoutSessionRecord, message?: string): string {
  const trial =
    session.trialPeriodDays === null ? '' : `<p>${session.trialPeriodDays} days free, then</p>`;
  const body =
    session.status === 'open'
      ? `<form method="post" action="/checkout/${escapeHtml(session.id)}/pay">
  <label>Card number <input name="card" inputmode="numeric" autocomplete="cc-number" value="4242424242424242" maxlength="23" required></label>
  <button type="submit">Subscribe</button>
</form>
<p class="hint">Test cards: ${KNOWN_TEST_CARDS.map(escapeHtml).join(', ')}</p>`
      : `<p>This checkout session is ${escapeHtml(session.status)}.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Payment sandbox checkout</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
.error{color:#b00020}.hint{color:#666;font-size:.85rem}input{display:block;width:100%;margin:.5rem 0 1rem;padding:.5rem}
button{padding:.6rem 1.2rem}</style></head>
<body><h1>${escapeHtml(session.price.productName)}</h1>
${trial}<p class="amount">${escapeHtml(formatAmount(session))}</p>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
${body}
<p class="hint">Kavosh payment sandbox: no real money moves here.</p></body></html>`;
}

/** A form post from the page gets HTML back; a JSON client gets JSON. */
const wantsJson = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').includes('application/json') ||
  (request.headers.accept ?? '').includes('application/json');

export interface PaymentResult {
  status: 'succeeded';
  subscriptionId: string;
  invoiceId: string;
  customerId: string;
}

/**
 * Completes an open session with a test card, as Stripe's hosted page does: a declining card
 * leaves it open with nothing created; otherwise the card is saved on the customer (created now
 * if the session had none) and the subscription starts. Answers after the webhooks for it were
 * attempted once.
 */
export async function payCheckoutSession(
  sandbox: Sandbox,
  session: CheckoutSessionRecord,
  cardNumber: string,
): Promise<PaymentResult> {
  if (session.status === 'open' && session.expiresAt <= sandbox.clock.now()) {
    expireSession(sandbox, session, null);
  }
  if (session.status !== 'open') {
    throw new StripeError(
      400,
      'invalid_request_error',
      `This Checkout Session is ${session.status} and can no longer be paid.`,
      'checkout_session_not_open',
    );
  }
  const card = testCard(cardNumber);
  if (!card) {
    throw new StripeError(
      402,
      'card_error',
      'Your card number is incorrect.',
      'incorrect_number',
      'card',
    );
  }
  if (card.outcome === 'declines') {
    throw new StripeError(
      402,
      'card_error',
      'Your card was declined.',
      'card_declined',
      'card',
      card.declineCode,
    );
  }
  let customer = session.customer ? sandbox.state.customers.get(session.customer) : undefined;
  if (customer?.deleted) {
    throw new StripeError(
      400,
      'invalid_request_error',
      `No such customer: '${customer.id}'`,
      'resource_missing',
      'customer',
    );
  }
  if (!customer) {
    customer = createCustomer(sandbox, { email: session.customerEmail, name: null, metadata: {} });
    session.customer = customer.id;
    sandbox.emit('customer.created', representCustomer(customer), null);
  }
  const before = representCustomer(customer);
  customer.card = card;
  sandbox.emit('customer.updated', representCustomer(customer), null, {
    invoice_settings: before.invoice_settings,
  });
  const { subscription, invoice } = subscribeFromCheckout(sandbox, session, customer, null);
  session.status = 'complete';
  session.paymentStatus = invoice.amountDue === 0 ? 'no_payment_required' : 'paid';
  session.subscription = subscription.id;
  session.invoice = invoice.id;
  session.customerEmail = session.customerEmail ?? customer.email;
  sandbox.emit(
    'checkout.session.completed',
    representSession(session, sandbox.config.publicUrl),
    null,
  );
  await sandbox.webhooks.flush();
  return {
    status: 'succeeded',
    subscriptionId: subscription.id,
    invoiceId: invoice.id,
    customerId: customer.id,
  };
}

function successRedirect(session: CheckoutSessionRecord): string | null {
  return session.successUrl?.replaceAll('{CHECKOUT_SESSION_ID}', session.id) ?? null;
}

export function checkoutPageRoutes(app: FastifyInstance, sandbox: Sandbox): void {
  app.get<{ Params: { id: string } }>('/checkout/:id', async (request, reply) => {
    const session = sandbox.state.sessions.get(request.params.id);
    if (!session)
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><p>No such checkout session.</p>');
    return reply.type('text/html; charset=utf-8').send(page(session));
  });

  app.post<{ Params: { id: string } }>(
    '/checkout/:id/pay',
    async (request, reply: FastifyReply) => {
      const json = wantsJson(request);
      const session = json
        ? findSession(sandbox, request.params.id)
        : sandbox.state.sessions.get(request.params.id);
      if (!session)
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send('<!doctype html><p>No such checkout session.</p>');
      const body = Params.of(request.body as RawParams).allowOnly(['card']);
      const card = body.requiredString('card', 32);
      try {
        const result = await payCheckoutSession(sandbox, session, card);
        if (json) return result;
        const target = successRedirect(session);
        if (target) return reply.redirect(target, 303);
        return reply.type('text/html; charset=utf-8').send(page(session));
      } catch (error) {
        if (json || !(error instanceof StripeError)) throw error;
        return reply
          .code(error.statusCode)
          .type('text/html; charset=utf-8')
          .send(page(session, error.message));
      }
    },
  );
}
