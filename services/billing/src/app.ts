import { hostService, type HostDeps } from '@kavosh/service-host';
import type { KavoshApp } from '@kavosh/service-kit';
import type { BillingConfig } from './config.js';
import { createDatabase, type Database } from './db.js';
import { invoicePdfRoutes } from './invoices/pdf-routes.js';
import { createInvoicePdfService } from './invoices/pdf-service.js';
import { billingMetrics } from './metrics.js';

export type BillingDeps = HostDeps<Database>;

/** Builds the billing service (not listening): the shared host, then billing's features. */
export async function buildApp(config: BillingConfig, deps: BillingDeps = {}): Promise<KavoshApp> {
  const { app, db, logger } = await hostService({
    ...deps,
    name: 'billing',
    description: 'Plans, subscriptions, payments, invoices and provider webhooks.',
    packageJson: new URL('../package.json', import.meta.url),
    config,
    createDatabase,
  });
  // Registered at build, so /metrics declares every billing series before the first event.
  billingMetrics(app.metrics, { db, logger });
  await app.register(invoicePdfRoutes, {
    prefix: '/invoices',
    invoicePdfs: createInvoicePdfService({ db }),
  });
  return app;
}
