import { Type, type Static } from 'typebox';
import { TokenEnv } from '@kavosh/auth-client';
import {
  CommonEnv,
  assertProductionSecrets,
  commonSecretRules,
  loadConfig,
} from '@kavosh/service-kit';

export const CatalogEnv = Type.Object({
  ...CommonEnv.properties,
  ...TokenEnv.properties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3002 }),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
  /** The media origin (nginx, infra/nginx/media.conf.template) that playback URLs point at. */
  MEDIA_ORIGIN_URL: Type.String({
    // No path: nginx checks the signature against the URI it receives, /media/… from the root.
    pattern: '^https?://[^/?#]+/?$',
    description: 'an http:// or https:// origin (scheme, host, port; no path)',
    default: 'http://localhost:8081',
  }),
  // Shared with the origin's secure_link_md5; a secret, never logged. nginx would read `$` or a
  // quote inside its config string, so only URL-safe characters are accepted.
  MEDIA_SIGNING_SECRET: Type.String({ minLength: 32, maxLength: 256, pattern: '^[A-Za-z0-9_-]+$' }),
  /** How long a signed playback URL stays valid. */
  PLAYBACK_URL_TTL_SECONDS: Type.Integer({ minimum: 30, maximum: 86_400, default: 300 }),
  /** HMAC key of the opaque page cursors (src/shared/cursor.ts); a secret, never logged. */
  CURSOR_SECRET: Type.String({ minLength: 32, maxLength: 512 }),
  /** Fill an empty catalog with the synthetic demo movies at start (npm start sets it). */
  SEED_DEMO_DATA: Type.Boolean({ default: false }),
  /** How many synthetic movies that seed inserts (the catalog bench seeds thousands). */
  SEED_DEMO_MOVIES: Type.Integer({ minimum: 1, maximum: 100_000, default: 240 }),
  /** Where posters are stored: a local directory (one replica) or an S3-compatible bucket. */
  POSTER_STORAGE: Type.Union([Type.Literal('local'), Type.Literal('s3')], { default: 'local' }),
  /** The local store's directory; a relative path is taken from the service's folder. */
  POSTER_DIR: Type.String({ minLength: 1, maxLength: 1000, default: 'var/posters' }),
  POSTER_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 52_428_800, default: 5_242_880 }),
  /** Required when POSTER_STORAGE=s3; credentials come from the AWS SDK's standard chain. */
  S3_BUCKET: Type.Optional(Type.String({ minLength: 3, maxLength: 63 })),
  /** An S3-compatible endpoint (MinIO, Ceph…); unset means AWS S3 itself. */
  S3_ENDPOINT: Type.Optional(
    Type.String({ pattern: '^https?://.+', description: 'an http:// or https:// URL' }),
  ),
  S3_REGION: Type.String({ minLength: 1, maxLength: 64, default: 'us-east-1' }),
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: true }),
  /** The Redis read-through cache of public reads (src/infrastructure/cache/); off: every read goes to MySQL. */
  CATALOG_CACHE: Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'on' }),
  /** A cached entry expires after this long even if no write touched it. */
  CACHE_TTL_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 300 }),
  /** Cache-Control max-age of public reads: how long a client or CDN may reuse one unasked. */
  CACHE_MAX_AGE_SECONDS: Type.Integer({ minimum: 0, maximum: 3_600, default: 30 }),
  CACHE_STALE_WHILE_REVALIDATE_SECONDS: Type.Integer({ minimum: 0, maximum: 86_400, default: 60 }),
  /** Longest wait for the cache's Redis before a read goes to MySQL instead. */
  CACHE_REDIS_TIMEOUT_MS: Type.Integer({ minimum: 10, maximum: 10_000, default: 500 }),
  /** Start of every cache key: processes sharing a Redis keep apart by it (tests, benches). */
  CACHE_KEY_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_-]{1,64}$', default: 'catalog:' }),
});
export type CatalogConfig = Static<typeof CatalogEnv>;

export const readConfig = (
  env: Record<string, string | undefined> = process.env,
): CatalogConfig => {
  const config = loadConfig(CatalogEnv, env);
  // A known media signing secret lets anyone mint playback URLs for premium titles.
  assertProductionSecrets(
    config,
    [
      ...commonSecretRules(config),
      { variable: 'MEDIA_SIGNING_SECRET', value: config.MEDIA_SIGNING_SECRET, minLength: 32 },
      { variable: 'CURSOR_SECRET', value: config.CURSOR_SECRET, minLength: 32 },
    ],
    // A rule across variables the schema cannot state.
    config.POSTER_STORAGE === 's3' && config.S3_BUCKET === undefined
      ? [{ variable: 'S3_BUCKET', message: 'is required when POSTER_STORAGE=s3' }]
      : [],
  );
  return config;
};
