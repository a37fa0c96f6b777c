import { hostService, type HostDeps } from '@kavosh/service-host';
import type { KavoshApp } from '@kavosh/service-kit';
import { createCheckoutService } from './checkout/service.js';
import { checkoutRoutes } from './checkout/routes.js';
import { createIdempotency, scheduleIdempotencyPruning } from './checkout/idempotency.js';
import type { BillingConfig } from './config.js';
import { startConsumers } from './consumers.js';
import { createCustomersService } from './customers/service.js';
import { createDatabase, type Database } from './db.js';
import { invoicePdfRoutes } from './invoices/pdf-routes.js';
import { invoicesRoutes } from './invoices/routes.js';
import { createInvoicesService } from './invoices/service.js';
import { createInvoicePdfService } from './invoices/pdf-service.js';
import { billingMetrics } from './metrics.js';
import { plansRoutes } from './plans/routes.js';
import { createPlansService } from './plans/service.js';
import { createStripeProvider, type PaymentProvider } from './provider/index.js';
import { createReconciler } from './reconciliation/reconciler.js';
import { scheduleReconciliation } from './reconciliation/schedule.js';
import { subscriptionRoutes } from './subscriptions/routes.js';
import { createSubscriptionsService } from './subscriptions/service.js';
import { webhooksRoutes } from './webhooks/routes.js';
import { createWebhooksService } from './webhooks/service.js';

export type BillingDeps = HostDeps<Database>;

/** The Stripe adapter as configured (the sandbox locally, Stripe in production). */
export const providerFromConfig = (config: BillingConfig): PaymentProvider =>
  createStripeProvider({
    host: config.STRIPE_HOST,
    port: config.STRIPE_PORT,
    protocol: config.STRIPE_PROTOCOL,
    apiKey: config.STRIPE_SECRET_KEY,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    webhookToleranceSeconds: config.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
    timeoutMs: config.STRIPE_TIMEOUT_MS,
  });

/** Builds the billing service (not listening): the shared host, then billing's features. */
export async function buildApp(config: BillingConfig, deps: BillingDeps = {}): Promise<KavoshApp> {
  const { app, db, logger, messaging } = await hostService({
    ...deps,
    name: 'billing',
    description: 'Plans, subscriptions, payments, invoices and provider webhooks.',
    packageJson: new URL('../package.json', import.meta.url),
    config,
    createDatabase,
  });
  // Registered at build, so /metrics declares every billing series before the first event.
  const metrics = billingMetrics(app.metrics, { db, logger });
  const provider = providerFromConfig(config);
  const reconciliation = scheduleReconciliation({
    db,
    reconciler: createReconciler({ db, provider, metrics, logger }),
    intervalMs: config.RECONCILIATION_INTERVAL_SECONDS * 1000,
    logger,
  });
  // Before the database closes: a pass under way finishes its subscription, then stops.
  app.addHook('preClose', () => reconciliation.stop());
  await startConsumers(messaging, { provider, providerTimeoutMs: config.STRIPE_TIMEOUT_MS });
  const plans = createPlansService({ db });
  await app.register(plansRoutes, { prefix: '/plans', plans });
  const idempotency = createIdempotency({
    db,
    ttlSeconds: config.IDEMPOTENCY_KEY_TTL_SECONDS,
    now: () => new Date(),
  });
  const pruning = scheduleIdempotencyPruning(idempotency, { intervalMs: 3_600_000, logger });
  app.addHook('onClose', async () => pruning.stop());
  const checkout = createCheckoutService({
    db,
    provider,
    plans,
    customers: createCustomersService({ db, provider }),
    idempotency,
    metrics,
    successUrl: config.CHECKOUT_SUCCESS_URL,
    cancelUrl: config.CHECKOUT_CANCEL_URL,
    logger,
  });
  await app.register(checkoutRoutes, { checkout });
  await app.register(webhooksRoutes, {
    webhooks: createWebhooksService({ db, provider, metrics, logger }),
    bodyLimitBytes: config.WEBHOOK_BODY_LIMIT_BYTES,
  });
  await app.register(subscriptionRoutes, {
    prefix: '/subscription',
    subscriptions: createSubscriptionsService({ db, provider }),
  });
  await app.register(invoicesRoutes, { invoices: createInvoicesService({ db }) });
  await app.register(invoicePdfRoutes, {
    prefix: '/invoices',
    invoicePdfs: createInvoicePdfService({ db }),
  });
  return app;
}
