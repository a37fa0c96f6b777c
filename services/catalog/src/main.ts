// First: tracing must be set up before the modules it instruments are loaded.
import '@kavosh/telemetry/register';
import { fileURLToPath } from 'node:url';
import { migrate } from '@kavosh/db';
import { createLogger, runMain, startServer } from '@kavosh/service-kit';
import { buildApp } from './app.js';
import { readConfig } from './config.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

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
  const app = await buildApp(config, { logger });
  await startServer(app, config);
});
