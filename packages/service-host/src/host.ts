import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import {
  authenticate,
  createTokenVerifier,
  type TokenConfig,
  type TokenVerifier,
} from '@kavosh/auth-client';
import { isDatabaseUnavailable, isTransactionConflict, pingDatabase } from '@kavosh/db';
import {
  Messaging,
  parseEventPublishers,
  type MessagingOptions,
  type SqlExecutor,
  type TransactionRunner,
} from '@kavosh/messaging';
import {
  AppError,
  buildService,
  createLogger,
  dependencyUnavailable,
  type CommonConfig,
  type KavoshApp,
} from '@kavosh/service-kit';

/** What the host needs of a service's Prisma client: transactions, a ping and a disconnect. */
export interface HostDatabase {
  $queryRawUnsafe(query: string): PromiseLike<unknown>;
  $disconnect(): Promise<void>;
}

/** The interactive-transaction client of a database (Prisma.TransactionClient for a PrismaClient). */
export type TxOf<Db> = Db extends {
  $transaction<R>(fn: (tx: infer Tx) => Promise<R>, options?: never): Promise<R>;
}
  ? Tx extends SqlExecutor
    ? Tx
    : never
  : never;

/** What tests (and main.ts) may hand a service instead of what it would build itself. */
export interface HostDeps<Db extends HostDatabase> {
  db?: Db;
  logger?: Logger;
  /** Tests give each file its own exchange and queues. */
  messaging?: Pick<MessagingOptions<TxOf<Db>>, 'isolation' | 'relay' | 'startupWaitMs'>;
  /** Tests verify tokens against a local key instead of auth's JWKS. */
  verifier?: TokenVerifier;
}

export interface HostOptions<Db extends HostDatabase> extends HostDeps<Db> {
  /** The service name: logs, metrics, the OpenAPI title, the broker connection, the inbox. */
  name: string;
  description: string;
  /** The service's package.json (`new URL('../package.json', import.meta.url)`): its version. */
  packageJson: URL;
  config: CommonConfig & Partial<TokenConfig>;
  createDatabase: (databaseUrl: string) => Db;
  /**
   * How access tokens are verified. Default: auth's JWKS (AUTH_JWKS_URL, JWT_ISSUER,
   * JWT_AUDIENCE); auth itself passes a verifier on its own keys.
   */
  verifier?: TokenVerifier;
}

export interface HostedService<Db extends HostDatabase> {
  app: KavoshApp;
  db: Db;
  messaging: Messaging<TxOf<Db>>;
  logger: Logger;
}

/** The `version` of a package.json. */
export function packageVersion(packageJson: URL): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

function tokenVerifier(config: Partial<TokenConfig>): TokenVerifier {
  const { AUTH_JWKS_URL, JWT_ISSUER, JWT_AUDIENCE } = config;
  if (AUTH_JWKS_URL === undefined || JWT_ISSUER === undefined || JWT_AUDIENCE === undefined) {
    throw new Error('a service config without TokenEnv needs an explicit verifier');
  }
  return createTokenVerifier({
    jwksUrl: AUTH_JWKS_URL,
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
  });
}

/**
 * Builds what every Kavosh service has (not listening): the kit (logging, problem+json, health,
 * metrics, OpenAPI), its database with a readiness check and outage classification, messaging
 * (outbox relay, consumers' broker) and token verification with declared access on every route
 * registered afterwards. The service then registers its features and consumers on `app`.
 */
export async function hostService<Db extends HostDatabase>(
  opts: HostOptions<Db>,
): Promise<HostedService<Db>> {
  const { config, name } = opts;
  const logger = opts.logger ?? createLogger({ level: config.LOG_LEVEL });
  const db = opts.db ?? opts.createDatabase(config.DATABASE_URL);
  const app = await buildService({
    name,
    version: packageVersion(opts.packageJson),
    description: opts.description,
    config,
    logger,
    readiness: { database: () => pingDatabase(db) },
    classifyError: (err) => {
      if (isDatabaseUnavailable(err)) return dependencyUnavailable('database', err);
      // A deadlock left over after a route's own retries: the request may be sent again.
      if (isTransactionConflict(err))
        return new AppError({
          status: 503,
          code: 'DATABASE_BUSY',
          title: 'Service temporarily busy',
          detail: 'The change collided with another one; retry it.',
          cause: err,
        });
      return undefined;
    },
  });
  const messaging = await Messaging.start<TxOf<Db>>({
    ...opts.messaging,
    service: name,
    url: config.AMQP_URL,
    ...(config.EVENT_PUBLISHERS !== undefined
      ? { publishers: parseEventPublishers(config.EVENT_PUBLISHERS) }
      : {}),
    prisma: db as unknown as TransactionRunner<TxOf<Db>>,
    logger: logger.child({ service: name }),
    metrics: app.metrics,
  });
  // Reported, not gating readiness: writes keep working while it is down (events wait in the outbox).
  app.dependencies.add('broker', () => messaging.check());
  app.addHook('onClose', async () => {
    await messaging.close();
    await db.$disconnect();
  });
  await app.register(authenticate, { verifier: opts.verifier ?? tokenVerifier(config) });
  return { app, db, messaging, logger };
}
