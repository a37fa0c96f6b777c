import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { authenticate, createTokenVerifier } from '@kavosh/auth-client';
import { buildService, type KavoshApp, type HealthCheck } from '@kavosh/service-kit';
import type { GatewayConfig } from './config.js';
import { cachingVerifier } from './identity/verification-cache.js';
import { installRequestContext } from './observability/request-context.js';
import { openApiRoutes, upstreamDocsOf } from './openapi/routes.js';
import { createPartnerKeyVerifier } from './partners/key-verifier.js';
import { installPartnerKeys } from './partners/plugin.js';
import { createEdgePolicies } from './policies/edge-policies.js';
import { enforcePolicies, requireCanonicalPaths } from './policies/enforce.js';
import { proxyRoutes } from './proxy/routes.js';
import { websocketProxy } from './proxy/websocket.js';
import { SharedCounters } from './rate-limits/counters.js';
import { installRateLimits } from './rate-limits/plugin.js';
import { ratePolicies } from './rate-limits/policies.js';
import { installSecurity } from './security/plugin.js';
import { upstreamLive, upstreamUrls } from './upstreams.js';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

const REDIS_STARTUP_WAIT_MS = 2_000;

export interface GatewayDeps {
  logger?: Logger;
}

/** Builds the gateway (not listening): edge authentication, route policies and the proxy. */
export async function buildApp(config: GatewayConfig, deps: GatewayDeps = {}): Promise<KavoshApp> {
  // No offline queue: while Redis is down a command fails at once instead of piling up.
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectionName: 'kavosh-gateway',
  });
  // None of these gates readiness: without Redis the standard rate limit fails open, and an
  // upstream that is down answers 503 on its own routes while the others are served.
  const dependencies: Record<string, HealthCheck> = {
    redis: async () => {
      await redis.ping();
    },
  };
  for (const [name, url] of Object.entries(upstreamUrls(config))) {
    dependencies[name] = upstreamLive(url, config.UPSTREAM_HEALTH_TIMEOUT_MS);
  }
  const app = await buildService({
    name: 'gateway',
    version,
    description: 'The only public entry point of Kavosh.',
    config,
    ...(deps.logger ? { logger: deps.logger } : {}),
    dependencies,
    trustProxyHops: config.TRUSTED_PROXY_HOPS,
  });
  await installSecurity(app, config);
  requireCanonicalPaths(app);
  const verifier = cachingVerifier(
    createTokenVerifier({
      jwksUrl: config.AUTH_JWKS_URL,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    }),
    { maxEntries: config.TOKEN_CACHE_SIZE, maxAgeMs: config.TOKEN_CACHE_TTL_MS },
  );
  // The gateway's routes are the services' routes: it enforces their declarations (policies/).
  // A partner at the edge is whoever presents a verified key, never a header a client sent.
  await app.register(authenticate, { verifier, declareAccess: false, trustPartnerHeader: false });
  installRequestContext(app);
  const partnerKeys = createPartnerKeyVerifier({
    authUrl: config.AUTH_URL,
    cacheTtlMs: config.PARTNER_KEY_CACHE_TTL_MS,
    maxEntries: config.PARTNER_KEY_CACHE_SIZE,
    timeoutMs: config.UPSTREAM_HEALTH_TIMEOUT_MS,
  });
  // Subscriber mode needs a connection of its own; it resubscribes after each reconnect.
  const subscriber = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    connectionName: 'kavosh-gateway-partner-keys',
  });
  subscriber.on('error', (err) =>
    app.log.warn({ err, component: 'partner-keys' }, 'partner key announcements unavailable'),
  );
  const listening = partnerKeys.listen(subscriber).catch(() => undefined);
  installPartnerKeys(app, {
    verifier: partnerKeys,
    redis,
    noncePrefix: `${config.REDIS_KEY_PREFIX}nonce:`,
  });
  app.addHook('onClose', async () => {
    subscriber.disconnect();
    await partnerKeys.close();
  });
  // After authentication (the key is the user when there is one), before the policy check (a
  // flood of refused requests is limited too).
  if (config.RATE_LIMIT_ENABLED) {
    const counters = new SharedCounters(redis, {
      prefix: `${config.REDIS_KEY_PREFIX}rl:`,
      syncEvery: config.RATE_LIMIT_SYNC_EVERY,
      syncIntervalMs: config.RATE_LIMIT_SYNC_INTERVAL_MS,
      maxKeys: config.RATE_LIMIT_LOCAL_KEYS,
    });
    await installRateLimits(app, { counters, policies: ratePolicies(config) });
    app.addHook('onClose', async () => {
      counters.close();
      await counters.flush();
    });
  }
  const docs = upstreamDocsOf(app, config);
  enforcePolicies(app, { policies: createEdgePolicies(), docs });
  await openApiRoutes(app, { version, docs });
  await proxyRoutes(app, config);
  websocketProxy(app, config);
  redis.on('error', (err) => app.log.warn({ err, component: 'redis' }, 'redis connection error'));
  // A gateway that starts while Redis is down still starts; /health/dependencies reports it.
  const connected = redis.connect().then(
    () => true,
    () => false,
  );
  // …but waits a moment for it, so the first logins are not refused while it connects.
  app.addHook('onReady', async () => {
    await Promise.race([Promise.all([connected, listening]), sleep(REDIS_STARTUP_WAIT_MS)]);
  });
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  return app;
}
