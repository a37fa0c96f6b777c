// First: tracing must be set up before the modules it instruments are loaded.
import '@kavosh/telemetry/register';
import { runService } from '@kavosh/service-host';
import { buildApp } from './app.js';
import { readConfig } from './config.js';

await runService({
  name: 'billing',
  migrations: new URL('../prisma/migrations', import.meta.url),
  readConfig,
  buildApp,
});
