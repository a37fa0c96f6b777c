import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import {
  buildService,
  createLogger,
  dependencyUnavailable,
  type KavoshApp,
} from '@kavosh/service-kit';
import { isDatabaseUnavailable, pingDatabase } from '@kavosh/db';
import { Messaging, type MessagingOptions } from '@kavosh/messaging';
import type { AuthConfig } from './config.js';
import { createDatabase, type Database } from './db.js';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

export interface AuthDeps {
  db?: Database;
  logger?: Logger;
  /** Tests give each file its own exchange and queues. */
  messaging?: Pick<MessagingOptions<Database>, 'isolation' | 'relay'>;
}

/** Builds the auth service (not listening): the kit, its database, messaging and features. */
export async function buildApp(config: AuthConfig, deps: AuthDeps = {}): Promise<KavoshApp> {
  const logger = deps.logger ?? createLogger({ level: config.LOG_LEVEL });
  const db = deps.db ?? createDatabase(config.DATABASE_URL);
  const app = await buildService({
    name: 'auth',
    version,
    description: 'Identity: users, credentials, roles, tokens and the JWKS.',
    config,
    logger,
    readiness: { database: () => pingDatabase(db) },
    classifyError: (err) =>
      isDatabaseUnavailable(err) ? dependencyUnavailable('database', err) : undefined,
  });
  const messaging = await Messaging.start({
    ...deps.messaging,
    service: 'auth',
    url: config.AMQP_URL,
    prisma: db,
    logger: logger.child({ service: 'auth' }),
    metrics: app.metrics,
  });
  app.readiness.add('broker', () => messaging.check());
  app.addHook('onClose', async () => {
    await messaging.close();
    await db.$disconnect();
  });
  return app;
}
