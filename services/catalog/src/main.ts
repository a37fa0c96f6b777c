// First: tracing must be set up before the modules it instruments are loaded.
import '@kavosh/telemetry/register';
import { runService } from '@kavosh/service-host';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { createDatabase } from './db.js';
import { seedDemoCatalog } from './infrastructure/seed/seed.js';

await runService({
  name: 'catalog',
  migrations: new URL('../prisma/migrations', import.meta.url),
  readConfig,
  // Seeded after migration and before the app is built, so it listens with its movies in place.
  prepare: async (config, logger) => {
    const db = createDatabase(config.DATABASE_URL);
    if (config.SEED_DEMO_DATA) {
      const seeded = await seedDemoCatalog(db, { movies: config.SEED_DEMO_MOVIES });
      logger.info(
        { service: 'catalog', component: 'seed', ...seeded },
        seeded.seeded ? 'demo catalog seeded' : 'demo catalog not seeded: the catalog has movies',
      );
    }
    return { db };
  },
  buildApp,
});
