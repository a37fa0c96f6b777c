import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { authenticate, createTokenVerifier, type TokenVerifier } from '@kavosh/auth-client';
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
import { installRealtime, type RealtimeHub } from './realtime/index.js';

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
  /** Tests verify tokens against a local key instead of auth's JWKS. */
  verifier?: TokenVerifier;
}

export type SocialApp = KavoshApp & {
  /** Live delivery to a user's open WebSocket connections, on any replica (src/realtime/). */
  realtime: RealtimeHub;
};

/** Builds the social service (not listening): the kit, its database, messaging and features. */
export async function buildApp(config: SocialConfig, deps: SocialDeps = {}): Promise<SocialApp> {
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
  const verifier =
    deps.verifier ??
    createTokenVerifier({
      jwksUrl: config.AUTH_JWKS_URL,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    });
  await app.register(authenticate, { verifier });
  const realtime = await installRealtime(app, config, logger);
  return Object.assign(app, { realtime });
}
