import { pino } from 'pino';
import { buildApp } from './app.js';
import { readConfig } from './config.js';

const config = readConfig();
const logger = pino({ level: config.logLevel, base: { service: 'payment-sandbox' } });
const { app, sandbox } = buildApp(config, logger);

await app.listen({ host: config.host, port: config.port });
logger.info(
  {
    url: config.publicUrl,
    webhookEndpoints: [...sandbox.state.webhookEndpoints.values()].map((endpoint) => endpoint.url),
  },
  'payment sandbox listening (state is in memory and ends with the process)',
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
