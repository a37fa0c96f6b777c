import { Type, type Static } from 'typebox';
import { HttpEnv, loadConfig } from '@kavosh/service-kit';
import { TokenEnv } from '@kavosh/auth-client';

const UpstreamUrl = (port: number) =>
  Type.String({ pattern: '^https?://[^\\s/]+(/.*)?$', default: `http://127.0.0.1:${port}` });

export const GatewayEnv = Type.Object({
  ...HttpEnv.properties,
  ...TokenEnv.properties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8080 }),
  REDIS_URL: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
  AUTH_URL: UpstreamUrl(3001),
  CATALOG_URL: UpstreamUrl(3002),
  BILLING_URL: UpstreamUrl(3003),
  SOCIAL_URL: UpstreamUrl(3004),
  UPSTREAM_HEALTH_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 10_000, default: 1_000 }),
  /** An upstream that sends no headers (or stalls its body) this long is answered 504. */
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 300_000, default: 10_000 }),
  /** Keep-alive connections per upstream (undici pool). */
  UPSTREAM_CONNECTIONS: Type.Integer({ minimum: 1, maximum: 1024, default: 64 }),
  /** Load balancers in front of the gateway whose X-Forwarded-For entries are trusted. */
  TRUSTED_PROXY_HOPS: Type.Integer({ minimum: 0, maximum: 10, default: 0 }),
});
export type GatewayConfig = Static<typeof GatewayEnv>;

export const readConfig = (env: Record<string, string | undefined> = process.env): GatewayConfig =>
  loadConfig(GatewayEnv, env);
