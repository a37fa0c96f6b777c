// First: tracing must be set up before the modules it instruments are loaded.
import '@kavosh/telemetry/register';
import { runService } from '@kavosh/service-host';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { createDatabase } from './db.js';
import { seedDefaultPlans } from './plans/service.js';

await runService({
  name: 'billing',
  migrations: new URL('../prisma/migrations', import.meta.url),
  readConfig,
  // After migration, before the app is built: it listens with plans on sale.
  prepare: async (config, logger) => {
    const db = createDatabase(config.DATABASE_URL);
    if (config.SEED_DEFAULT_PLANS) {
      const seeded = await seedDefaultPlans(db);
      logger.info(
        { service: 'billing', component: 'seed', seeded },
        seeded > 0 ? 'default plans seeded' : 'default plans not seeded: plans exist',
      );
    }
    return { db };
  },
  buildApp,
});
