import { fileURLToPath } from 'node:url';
import { startServiceForTest, type StartOptions } from '@kavosh/service-host/testing';
import { buildApp, type BillingDeps } from '../src/app.js';
import { readConfig } from '../src/config.js';

export const MIGRATIONS = new URL('../prisma/migrations', import.meta.url);
export const MIGRATIONS_DIR = fileURLToPath(MIGRATIONS);
export const SCHEMA_PATH = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));

/** A billing app on a fresh, migrated database of its own (see startServiceForTest). */
export const startBilling = (opts: StartOptions<BillingDeps> = {}) =>
  startServiceForTest({ label: 'billing', migrations: MIGRATIONS, readConfig, buildApp }, opts);
