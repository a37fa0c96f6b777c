import { Type, type Static } from 'typebox';
import { HttpEnv, assertProductionSecrets, loadConfig } from '@kavosh/service-kit';
import { TokenEnv } from '@kavosh/auth-client';

const UpstreamUrl = (port: number) =>
  Type.String({ pattern: '^https?://[^\\s/]+(/.*)?$', default: `http://127.0.0.1:${port}` });

const UpstreamTimeout = Type.Integer({ minimum: 100, maximum: 300_000 });

export const GatewayEnv = Type.Object({
  ...HttpEnv.properties,
  ...TokenEnv.properties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8080 }),
  /** The public process always serves /metrics apart from PORT (the Ingress reaches PORT only). */
  METRICS_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 9080 }),
  REDIS_URL: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
  AUTH_URL: UpstreamUrl(3001),
  CATALOG_URL: UpstreamUrl(3002),
  BILLING_URL: UpstreamUrl(3003),
  SOCIAL_URL: UpstreamUrl(3004),
  UPSTREAM_HEALTH_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 10_000, default: 1_000 }),
  /** Each upstream's /openapi.json must arrive within this time (merged doc at /openapi.json). */
  OPENAPI_FETCH_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 30_000, default: 2_000 }),
  /** An upstream whose document could not be fetched is retried after this, doubling up to the max. */
  OPENAPI_RETRY_MIN_MS: Type.Integer({ minimum: 10, maximum: 600_000, default: 1_000 }),
  OPENAPI_RETRY_MAX_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 60_000 }),
  /** A fetched document is fetched again after this long (a redeployed service may add routes). */
  OPENAPI_REFRESH_MS: Type.Integer({ minimum: 1_000, maximum: 86_400_000, default: 30_000 }),
  /** An upstream that sends no headers (or stalls its body) this long is answered 504. */
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 300_000, default: 10_000 }),
  /**
   * The whole answer of an upstream (dispatch to last byte) must be over within this time, or it
   * is cut off (504 before its headers): UPSTREAM_TIMEOUT_MS only bounds each wait on its own.
   */
  UPSTREAM_DEADLINE_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 60_000 }),
  /**
   * A GET or HEAD whose upstream refuses the connection (nothing listens: its only replica is
   * restarting, as under `docker compose restart`) is sent again every 250 ms for up to this long
   * before the 503. 0 (the default): answered at once, as where replicas and probes cover restarts.
   */
  UPSTREAM_REFUSED_RETRY_MS: Type.Integer({ minimum: 0, maximum: 120_000, default: 0 }),
  /** One upstream's own timeout, instead of UPSTREAM_TIMEOUT_MS (e.g. a slower report service). */
  AUTH_TIMEOUT_MS: Type.Optional(UpstreamTimeout),
  CATALOG_TIMEOUT_MS: Type.Optional(UpstreamTimeout),
  BILLING_TIMEOUT_MS: Type.Optional(UpstreamTimeout),
  SOCIAL_TIMEOUT_MS: Type.Optional(UpstreamTimeout),
  /** Keep-alive connections per upstream (undici pool). */
  UPSTREAM_CONNECTIONS: Type.Integer({ minimum: 1, maximum: 1024, default: 64 }),
  /** Requests in flight per upstream connection (HTTP/1.1 pipelining; 1: none). */
  UPSTREAM_PIPELINING: Type.Integer({ minimum: 1, maximum: 100, default: 1 }),
  /** Load balancers in front of the gateway whose X-Forwarded-For entries are trusted. */
  TRUSTED_PROXY_HOPS: Type.Integer({ minimum: 0, maximum: 10, default: 0 }),
  /** Prefix of every Redis key the gateway writes (rate-limit counters). */
  REDIS_KEY_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_-]{1,64}$', default: 'gateway:' }),
  /** false: no rate limiting at all; only where an outer layer (a load balancer, a WAF) limits. */
  RATE_LIMIT_ENABLED: Type.Boolean({ default: true }),
  /** Requests per RATE_LIMIT_WINDOW_MS per user (or per IP without a token), on every route. */
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 600 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1_000, maximum: 86_400_000, default: 60_000 }),
  /** Requests per window per IP on POST login, register and refresh (counted exactly in Redis). */
  RATE_LIMIT_AUTH_MAX: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 20 }),
  /**
   * The standard limit is counted locally and added to Redis every RATE_LIMIT_SYNC_EVERY requests
   * of a key, or RATE_LIMIT_SYNC_INTERVAL_MS after its first unsynced one: the cross-replica
   * tolerance (docs/gateway.md). 1 makes every request wait for Redis.
   */
  RATE_LIMIT_SYNC_EVERY: Type.Integer({ minimum: 1, maximum: 10_000, default: 20 }),
  RATE_LIMIT_SYNC_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 10_000, default: 100 }),
  /** Keys counted locally at once; beyond it the least recently used key is synced and dropped. */
  RATE_LIMIT_LOCAL_KEYS: Type.Integer({ minimum: 100, maximum: 10_000_000, default: 100_000 }),
  /** A verified partner key is trusted this long without asking auth (revocations arrive sooner). */
  PARTNER_KEY_CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 5_000 }),
  PARTNER_KEY_CACHE_SIZE: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 10_000 }),
  /** Requests per RATE_LIMIT_WINDOW_MS per partner key, by the key's tier. */
  PARTNER_RATE_LIMIT_BASIC: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 120 }),
  PARTNER_RATE_LIMIT_STANDARD: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 1_200 }),
  PARTNER_RATE_LIMIT_PREMIUM: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 12_000 }),
  /** Verified tokens kept in memory (LRU), each at most TOKEN_CACHE_TTL_MS and never past `exp`. */
  TOKEN_CACHE_SIZE: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 10_000 }),
  TOKEN_CACHE_TTL_MS: Type.Integer({ minimum: 1_000, maximum: 600_000, default: 60_000 }),
  /**
   * HMAC key of social's WebSocket tickets (the same value as social's): the gateway refuses a
   * forged or expired ticket before connecting to social. Unset: every upgrade is answered 503.
   */
  WS_TICKET_SECRET: Type.Optional(Type.String({ minLength: 32, maxLength: 512 })),
  /** The largest frame a WebSocket client may send; a bigger one closes it with 1009. */
  WS_MAX_PAYLOAD_BYTES: Type.Integer({ minimum: 64, maximum: 1_048_576, default: 65_536 }),
  /** Bytes waiting for a slow WebSocket client before it is closed 1013 (memory per connection). */
  WS_MAX_BUFFERED_BYTES: Type.Integer({ minimum: 1_024, maximum: 67_108_864, default: 1_048_576 }),
  /** Browser origins allowed to call the API (comma-separated, exact match); empty: none. */
  CORS_ORIGINS: Type.String({
    pattern: '^(https?://[^\\s,/]+(\\s*,\\s*https?://[^\\s,/]+)*)?$',
    description: 'a comma-separated list of origins such as https://app.example.com',
    default: '',
  }),
  /** Body limit of the upload routes (posters); every other route keeps BODY_LIMIT_BYTES. */
  UPLOAD_BODY_LIMIT_BYTES: Type.Integer({ minimum: 1, maximum: 104_857_600, default: 6_291_456 }),
  /** A client that has not sent all request headers this long is answered 408 and disconnected. */
  HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  /** A whole request (headers and body) must arrive within this time. */
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 30_000 }),
  /** An idle connection (nothing received or sent) is closed after this time. */
  CONNECTION_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 60_000 }),
});
export type GatewayConfig = Static<typeof GatewayEnv>;

export const readConfig = (
  env: Record<string, string | undefined> = process.env,
): GatewayConfig => {
  const config = loadConfig(GatewayEnv, env);
  // A known ticket secret would let anyone open a WebSocket to social as any user.
  assertProductionSecrets(config, [
    { variable: 'WS_TICKET_SECRET', value: config.WS_TICKET_SECRET, minLength: 32 },
  ]);
  return config;
};

/** CORS_ORIGINS as a list, blanks dropped. */
export const corsOrigins = (config: Pick<GatewayConfig, 'CORS_ORIGINS'>): string[] =>
  config.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
