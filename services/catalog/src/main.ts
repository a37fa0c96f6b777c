// First: tracing must be set up before the modules it instruments are loaded.
import '@kavosh/telemetry/register';
import { fileURLToPath } from 'node:url';
import { migrate } from '@kavosh/db';
import { createLogger, runMain, startServer } from '@kavosh/service-kit';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { createDatabase } from './db.js';
import { seedDemoCatalog } from './infrastructure/seed/seed.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
/** How many synthetic movies SEED_DEMO_DATA puts in an empty catalog (npm start). */
const DEMO_MOVIES = 240;

await runMain(async () => {
  const config = readConfig();
  const logger = createLogger({ level: config.LOG_LEVEL });
  // Migrate before anything touches the schema (the outbox relay starts inside buildApp).
  if (config.MIGRATE_ON_START) {
    await migrate({
      databaseUrl: config.DATABASE_URL,
      migrationsDir: MIGRATIONS_DIR,
      logger: logger.child({ service: 'catalog', component: 'migrate' }),
    });
  }
  const db = createDatabase(config.DATABASE_URL);
  if (config.SEED_DEMO_DATA) {
    const seeded = await seedDemoCatalog(db, { movies: DEMO_MOVIES });
    logger.info(
      { service: 'catalog', component: 'seed', ...seeded },
      seeded.seeded ? 'demo catalog seeded' : 'demo catalog not seeded: the catalog has movies',
    );
  }
  const app = await buildApp(config, { logger, db });
  await startServer(app, config);
});
