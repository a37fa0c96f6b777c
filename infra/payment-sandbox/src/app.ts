import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import qs from 'qs';
import { checkoutPageRoutes } from './checkout/page.js';
import { checkoutSessionRoutes } from './checkout/routes.js';
import { SandboxClock } from './clock.js';
import type { SandboxConfig } from './config.js';
import { STRIPE_API_VERSION } from './constants.js';
import { customerRoutes } from './customers/routes.js';
import { addWebhookEndpoint, eventRoutes } from './events/routes.js';
import { requireApiKey } from './http/auth.js';
import { registerIdempotency } from './http/idempotency.js';
import { StripeError } from './http/stripe-error.js';
import { invoiceRoutes } from './invoices/routes.js';
import { Sandbox } from './sandbox.js';
import { controlRoutes } from './control/routes.js';
import { SandboxState } from './state.js';
import { walkClockTo } from './subscriptions/lifecycle.js';
import { subscriptionRoutes } from './subscriptions/routes.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';

const BODY_LIMIT_BYTES = 64 * 1024;
// Bounds for bracketed form and query parameters (`line_items[0][price_data][unit_amount]`).
const QS_LIMITS = { depth: 5, arrayLimit: 100, parameterLimit: 500 } as const;

export interface BuiltSandbox {
  app: FastifyInstance;
  sandbox: Sandbox;
}

/** The sandbox's HTTP app over fresh in-memory state; `main.ts` listens with it. */
export function buildApp(config: SandboxConfig, logger: Logger): BuiltSandbox {
  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { querystringParser: (query) => qs.parse(query, QS_LIMITS) },
    genReqId: () => Math.random().toString(36).slice(2, 16),
  });

  const state = new SandboxState();
  const clock = new SandboxClock();
  const webhooks = new WebhookDispatcher(state, logger, {
    apiVersion: STRIPE_API_VERSION,
    retryMs: config.webhookRetryMs,
    maxAttempts: config.webhookMaxAttempts,
  });
  const sandbox = new Sandbox(config, state, clock, webhooks, logger);

  if (config.webhookUrl !== undefined) {
    addWebhookEndpoint(sandbox, {
      url: config.webhookUrl,
      enabledEvents: ['*'],
      ...(config.webhookSecret !== undefined ? { secret: config.webhookSecret } : {}),
      description: 'registered at startup from SANDBOX_WEBHOOK_URL',
    });
  }

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => {
      try {
        done(null, qs.parse(body as string, QS_LIMITS));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );

  app.addHook('onRequest', async (request, reply) => {
    reply.header('request-id', `req_${request.id}`);
    reply.header('stripe-version', STRIPE_API_VERSION);
    if (request.url.startsWith('/v1/') || request.url.startsWith('/_sandbox/')) {
      requireApiKey(request, config.apiKey);
    }
  });
  registerIdempotency(app, clock);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof StripeError) {
      return reply.code(error.statusCode).send(error.toBody());
    }
    const fastifyError = error as { statusCode?: number; message?: string };
    const statusCode = fastifyError.statusCode;
    if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
      // Malformed JSON, an oversized body, an unsupported content type: the client's mistake.
      return reply
        .code(statusCode)
        .send(
          new StripeError(
            statusCode,
            'invalid_request_error',
            fastifyError.message ?? 'Invalid request',
          ).toBody(),
        );
    }
    request.log.error({ err: error }, 'sandbox request failed');
    return reply
      .code(500)
      .send(
        new StripeError(
          500,
          'api_error',
          'An unexpected error occurred in the payment sandbox.',
        ).toBody(),
      );
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        new StripeError(
          404,
          'invalid_request_error',
          `Unrecognized request URL (${request.method}: ${request.url.split('?')[0]}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        ).toBody(),
      ),
  );

  app.get('/healthz', async () => ({ status: 'ok' }));
  customerRoutes(app, sandbox);
  checkoutSessionRoutes(app, sandbox);
  subscriptionRoutes(app, sandbox);
  invoiceRoutes(app, sandbox);
  eventRoutes(app, sandbox);
  checkoutPageRoutes(app, sandbox);
  controlRoutes(app, sandbox);

  // The clock also moves with real time: what falls due without an advance (a session left open
  // for a day) is fired by this tick, as a provider would.
  let tick: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    if (config.tickMs > 0) {
      tick = setInterval(() => {
        walkClockTo(sandbox, clock.now());
      }, config.tickMs);
      tick.unref();
    }
  });
  app.addHook('onClose', async () => {
    clearInterval(tick);
    webhooks.stop();
  });
  return { app, sandbox };
}
