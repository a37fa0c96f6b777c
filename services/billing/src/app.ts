import { hostService, type HostDeps } from '@kavosh/service-host';
import type { KavoshApp } from '@kavosh/service-kit';
import type { BillingConfig } from './config.js';
import { startConsumers } from './consumers.js';
import { createDatabase, type Database } from './db.js';
import { invoicePdfRoutes } from './invoices/pdf-routes.js';
import { createInvoicePdfService } from './invoices/pdf-service.js';
import { billingMetrics } from './metrics.js';
import { plansRoutes } from './plans/routes.js';
import { createPlansService } from './plans/service.js';
import { createStripeProvider, type PaymentProvider } from './provider/index.js';
import { createReconciler } from './reconciliation/reconciler.js';
import { scheduleReconciliation } from './reconciliation/schedule.js';

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
  await app.register(invoicePdfRoutes, {
    prefix: '/invoices',
    invoicePdfs: createInvoicePdfService({ db }),
  });
  return app;
}
