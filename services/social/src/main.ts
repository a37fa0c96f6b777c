import { fileURLToPath } from 'node:url';
import { migrate } from '@kavosh/db';
import { runMain, startServer } from '@kavosh/service-kit';
import { buildApp } from './app.js';
import { readConfig } from './config.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

await runMain(async () => {
  const config = readConfig();
  const app = await buildApp(config);
  if (config.MIGRATE_ON_START) {
    await migrate({
      databaseUrl: config.DATABASE_URL,
      migrationsDir: MIGRATIONS_DIR,
      logger: app.log.child({ component: 'migrate' }),
    });
  }
  await startServer(app, config);
});
