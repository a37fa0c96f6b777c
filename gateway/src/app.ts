import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { authenticate, createTokenVerifier } from '@kavosh/auth-client';
import { buildService, type KavoshApp, type ReadinessCheck } from '@kavosh/service-kit';
import type { GatewayConfig } from './config.js';
import { enforcePolicies } from './policies/enforce.js';
import { proxyRoutes } from './proxy/routes.js';
import { upstreamLive, upstreamUrls } from './upstreams.js';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

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
  const readiness: Record<string, ReadinessCheck> = {
    redis: async () => {
      await redis.ping();
    },
  };
  for (const [name, url] of Object.entries(upstreamUrls(config))) {
    readiness[name] = upstreamLive(url, config.UPSTREAM_HEALTH_TIMEOUT_MS);
  }
  const app = await buildService({
    name: 'gateway',
    version,
    description: 'The only public entry point of Kavosh.',
    config,
    ...(deps.logger ? { logger: deps.logger } : {}),
    readiness,
    trustProxyHops: config.TRUSTED_PROXY_HOPS,
  });
  const verifier = createTokenVerifier({
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  await app.register(authenticate, { verifier });
  enforcePolicies(app);
  await proxyRoutes(app, config);
  redis.on('error', (err) => app.log.warn({ err, component: 'redis' }, 'redis connection error'));
  // A gateway that starts while Redis is down still starts; readiness reports it until it returns.
  redis.connect().catch(() => undefined);
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  return app;
}
