// First: tracing must be set up before the modules it instruments are loaded.
import '@kavosh/telemetry/register';
import { runMain, startServer } from '@kavosh/service-kit';
import { buildApp } from './app.js';
import { readConfig } from './config.js';

await runMain(async () => {
  const config = readConfig();
  const app = await buildApp(config);
  await startServer(app, config);
});
