import { Redis } from 'ioredis';
import { createLocalTokenVerifier } from '@kavosh/auth-client';
import { hostService, type HostDeps } from '@kavosh/service-host';
import type { KavoshApp } from '@kavosh/service-kit';
import { parseTrustedProxies } from './accounts/client-ip.js';
import { accountMetrics } from './accounts/metrics.js';
import { accountsRoutes } from './accounts/routes.js';
import { createAccountsService } from './accounts/service.js';
import { createLoginThrottle, type ThrottleRules } from './accounts/throttle.js';
import type { AuthConfig } from './config.js';
import { createDatabase, type Database } from './db.js';
import { keysRoutes } from './keys/routes.js';
import { loadSigningKeys } from './keys/signing-keys.js';
import { partnerKeyVerifyRoute, partnerKeysAdminRoutes } from './partners/routes.js';
import { createPartnerKeysService } from './partners/service.js';
import { createPasswordHasher, type Argon2Params } from './passwords/hasher.js';
import { createAccessTokenSigner } from './sessions/access-tokens.js';
import { createCookieTransport } from './sessions/cookies.js';
import { sessionsRoutes } from './sessions/routes.js';
import { createSessionsService } from './sessions/service.js';
import { usersRoutes } from './users/routes.js';
import { createUsersService } from './users/service.js';

// Outside production only, when PARTNER_KEY_PEPPER is unset (config.ts).
const DEVELOPMENT_PARTNER_KEY_PEPPER = 'kavosh-development-partner-key-pepper-not-secret';

// Auth verifies tokens with its own keys: no verifier is handed in.
export interface AuthDeps extends Omit<HostDeps<Database>, 'verifier'> {
  /** Tests give each file its own Redis key prefix. */
  redisKeyPrefix?: string;
  /** TEST ONLY: cheaper argon2 parameters. Production always uses OWASP_ARGON2ID. */
  argon2ForTestsOnly?: Argon2Params;
  throttle?: ThrottleRules;
  now?: () => Date;
}

/** Builds the auth service (not listening): the shared host, then auth's features. */
export async function buildApp(config: AuthConfig, deps: AuthDeps = {}): Promise<KavoshApp> {
  // Keys first: a bad key set stops the start before any connection is opened.
  const keys = loadSigningKeys(config.JWT_PRIVATE_JWKS, config.JWT_ACTIVE_KID);
  const hasher = createPasswordHasher({
    params: deps.argon2ForTestsOnly,
    maxInFlight: config.ARGON2_MAX_IN_FLIGHT,
    maxWaiting: config.ARGON2_MAX_WAITING,
  });
  const tokenOptions = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  const { app, db, messaging, logger } = await hostService({
    ...deps,
    name: 'auth',
    description: 'Identity: users, credentials, roles, tokens and the JWKS.',
    packageJson: new URL('../package.json', import.meta.url),
    config,
    createDatabase,
    // Auth verifies its own tokens with the same code as every service, on its in-memory keys.
    verifier: createLocalTokenVerifier({ ...tokenOptions, keys: keys.publicJwks }),
  });
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  // Without a listener ioredis prints each failed reconnect; requests answer 503 meanwhile.
  redis.on('error', (err) => logger.warn({ err, component: 'redis' }, 'redis connection error'));
  // An auth that starts while Redis is down still starts (ioredis keeps reconnecting): logins
  // answer 503 until it is back, tokens, JWKS and accounts are served meanwhile.
  await redis.connect().catch(() => undefined);
  // Reported, not gating readiness: login answers 503 without Redis, everything else still serves.
  app.dependencies.add('redis', async () => {
    await redis.ping();
  });
  app.addHook('onClose', async () => {
    await redis.quit();
  });

  const now = deps.now ?? (() => new Date());
  const signer = createAccessTokenSigner({
    ...tokenOptions,
    keys,
    ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    now,
  });
  const sessions = createSessionsService({
    db,
    signer,
    now,
    logger: logger.child({ component: 'sessions' }),
    config: {
      refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      refreshMaxAgeSeconds: config.REFRESH_TOKEN_MAX_AGE_SECONDS,
    },
  });
  const throttle = createLoginThrottle({
    redis,
    keyPrefix: deps.redisKeyPrefix ?? config.REDIS_KEY_PREFIX,
    rules: deps.throttle,
  });
  const accounts = createAccountsService({
    db,
    messaging,
    hasher,
    sessions,
    throttle,
    now,
    logger: logger.child({ component: 'accounts' }),
  });
  const users = createUsersService({ db, accounts });

  await app.register(keysRoutes, { keys });
  const cookies = createCookieTransport({
    path: config.REFRESH_COOKIE_PATH,
    allowedOrigins: config.CSRF_ALLOWED_ORIGINS.split(',').map((origin) => origin.trim()),
  });
  const trustedProxies = parseTrustedProxies(config.TRUSTED_PROXY_CIDRS);
  await app.register(accountsRoutes, {
    accounts,
    cookies,
    trustedProxies,
    metrics: accountMetrics(app.metrics),
  });
  await app.register(sessionsRoutes, { sessions, cookies });
  await app.register(usersRoutes, { prefix: '/users', users });
  const partnerKeys = createPartnerKeysService({
    db,
    redis,
    pepper:
      config.PARTNER_KEY_PEPPER ??
      (config.NODE_ENV === 'production' ? undefined : DEVELOPMENT_PARTNER_KEY_PEPPER),
    now,
    logger: logger.child({ component: 'partner-keys' }),
  });
  await app.register(partnerKeysAdminRoutes, { prefix: '/admin/partners/keys', partnerKeys });
  await app.register(partnerKeyVerifyRoute, { partnerKeys });

  const { AUTH_BOOTSTRAP_ADMIN_EMAIL: adminEmail, AUTH_BOOTSTRAP_ADMIN_PASSWORD: adminPassword } =
    config;
  if (adminEmail !== undefined && adminPassword !== undefined) {
    // onReady: main.ts migrates before listen, so the tables exist by then.
    app.addHook('onReady', async () => {
      await accounts.ensureBootstrapAdmin(adminEmail, adminPassword);
    });
  }
  return app;
}
