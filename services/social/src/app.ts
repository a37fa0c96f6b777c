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
import type { SocialConfig } from './config.js';
import { createDatabase, type Database } from './db.js';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

export interface SocialDeps {
  db?: Database;
  logger?: Logger;
  /** Tests give each file its own exchange and queues. */
  messaging?: Pick<MessagingOptions<Database>, 'isolation' | 'relay'>;
}

/** Builds the social service (not listening): the kit, its database, messaging and features. */
export async function buildApp(config: SocialConfig, deps: SocialDeps = {}): Promise<KavoshApp> {
  const logger = deps.logger ?? createLogger({ level: config.LOG_LEVEL });
  const db = deps.db ?? createDatabase(config.DATABASE_URL);
  const app = await buildService({
    name: 'social',
    version,
    description: 'Ratings, comments, follows, notifications and real-time delivery.',
    config,
    logger,
    readiness: { database: () => pingDatabase(db) },
    classifyError: (err) =>
      isDatabaseUnavailable(err) ? dependencyUnavailable('database', err) : undefined,
  });
  const messaging = await Messaging.start({
    ...deps.messaging,
    service: 'social',
    url: config.AMQP_URL,
    prisma: db,
    logger: logger.child({ service: 'social' }),
    metrics: app.metrics,
  });
  app.readiness.add('broker', () => messaging.check());
  app.addHook('onClose', async () => {
    await messaging.close();
    await db.$disconnect();
  });
  return app;
}
