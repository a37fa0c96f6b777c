import { startServiceForTest, type StartOptions } from '@kavosh/service-host/testing';
import { buildApp, type BillingDeps } from '../src/app.js';
import { readConfig } from '../src/config.js';

const MIGRATIONS = new URL('../prisma/migrations', import.meta.url);

/** A billing app on a fresh, migrated database of its own (see startServiceForTest). */
export const startBilling = (opts: StartOptions<BillingDeps> = {}) =>
  startServiceForTest({ label: 'billing', migrations: MIGRATIONS, readConfig, buildApp }, opts);
