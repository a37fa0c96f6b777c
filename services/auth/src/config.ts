import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Type, type Static } from 'typebox';
import {
  CommonEnv,
  assertProductionSecrets,
  commonSecretRules,
  loadConfig,
} from '@kavosh/service-kit';
import { TokenEnv } from '@kavosh/auth-client';
import { parseTrustedProxies } from './accounts/client-ip.js';
import { defaultMaxInFlight } from './passwords/hasher.js';

export const AuthEnv = Type.Object({
  ...CommonEnv.properties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3001 }),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
  JWT_ISSUER: TokenEnv.properties.JWT_ISSUER,
  JWT_AUDIENCE: TokenEnv.properties.JWT_AUDIENCE,
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 600, maximum: 900, default: 900 }),
  /** Sliding: a refresh token unused this long expires. */
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 60,
    maximum: 90 * 86_400,
    default: 14 * 86_400,
  }),
  /** Absolute: a login (refresh family) ends this long after it began, however often it is used. */
  REFRESH_TOKEN_MAX_AGE_SECONDS: Type.Integer({
    minimum: 60,
    maximum: 365 * 86_400,
    default: 60 * 86_400,
  }),
  /** A private JWK set (JSON); exactly one of this and JWT_PRIVATE_JWKS_FILE. */
  JWT_PRIVATE_JWKS: Type.Optional(Type.String({ minLength: 2 })),
  JWT_PRIVATE_JWKS_FILE: Type.Optional(Type.String({ minLength: 1 })),
  /** The kid that signs new tokens; default: the last key of the set. */
  JWT_ACTIVE_KID: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** Cookie mode: the path the refresh cookie is scoped to (auth's routes behind the gateway). */
  REFRESH_COOKIE_PATH: Type.String({ pattern: '^/', maxLength: 200, default: '/api/auth' }),
  /** Cookie mode: comma-separated origins allowed to refresh and log out with the cookie. */
  CSRF_ALLOWED_ORIGINS: Type.String({ minLength: 1, default: 'http://localhost:8080' }),
  /** Peers whose X-Forwarded-For is believed (the gateway): comma-separated CIDR ranges or addresses. */
  TRUSTED_PROXY_CIDRS: Type.String({ maxLength: 2000, default: '127.0.0.0/8,::1/128' }),
  /** Prefix of auth's Redis keys (login throttling): processes that must not share counters differ. */
  REDIS_KEY_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_-]{1,64}$', default: 'kavosh:auth:' }),
  /**
   * argon2 hashes computed at once (each holds ~19 MiB and a libuv thread). Default: one per core,
   * fewer than UV_THREADPOOL_SIZE (default 4) so the pool keeps a thread for other work.
   */
  ARGON2_MAX_IN_FLIGHT: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
  /** libuv's thread pool size (Node reads it itself at start); bounds the default above. */
  UV_THREADPOOL_SIZE: Type.Integer({ minimum: 1, maximum: 1024, default: 4 }),
  /** argon2 hashes allowed to wait for a slot; beyond, 503 PASSWORD_HASHING_BUSY + Retry-After. */
  ARGON2_MAX_WAITING: Type.Integer({ minimum: 0, maximum: 10_000, default: 32 }),
  AUTH_BOOTSTRAP_ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  AUTH_BOOTSTRAP_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8, maxLength: 128 })),
  /**
   * Server-side key of the HMAC under which partner key secrets are stored (docs/partners.md).
   * Unset in production: partner keys cannot be issued or verified (503); elsewhere a fixed
   * development value stands in.
   */
  PARTNER_KEY_PEPPER: Type.Optional(Type.String({ minLength: 32, maxLength: 512 })),
});
export type AuthEnvConfig = Static<typeof AuthEnv>;
/** The validated environment, with the private key set read (from the variable or the file). */
export type AuthConfig = Omit<AuthEnvConfig, 'JWT_PRIVATE_JWKS_FILE' | 'ARGON2_MAX_IN_FLIGHT'> & {
  JWT_PRIVATE_JWKS: string;
  ARGON2_MAX_IN_FLIGHT: number;
};

export function readConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const { JWT_PRIVATE_JWKS_FILE, ...config } = loadConfig(AuthEnv, env);
  const problems: { variable: string; message: string }[] = [];
  if ((config.JWT_PRIVATE_JWKS === undefined) === (JWT_PRIVATE_JWKS_FILE === undefined)) {
    problems.push({
      variable: 'JWT_PRIVATE_JWKS',
      message: 'set exactly one of JWT_PRIVATE_JWKS and JWT_PRIVATE_JWKS_FILE',
    });
  }
  if (
    (config.AUTH_BOOTSTRAP_ADMIN_EMAIL === undefined) !==
    (config.AUTH_BOOTSTRAP_ADMIN_PASSWORD === undefined)
  ) {
    problems.push({
      variable: 'AUTH_BOOTSTRAP_ADMIN_EMAIL',
      message: 'set both AUTH_BOOTSTRAP_ADMIN_EMAIL and AUTH_BOOTSTRAP_ADMIN_PASSWORD, or neither',
    });
  }
  try {
    parseTrustedProxies(config.TRUSTED_PROXY_CIDRS);
  } catch (err) {
    problems.push({
      variable: 'TRUSTED_PROXY_CIDRS',
      message: err instanceof Error ? err.message : String(err),
    });
  }
  assertProductionSecrets(
    config,
    [
      ...commonSecretRules(config),
      { variable: 'AUTH_BOOTSTRAP_ADMIN_PASSWORD', value: config.AUTH_BOOTSTRAP_ADMIN_PASSWORD },
      { variable: 'PARTNER_KEY_PEPPER', value: config.PARTNER_KEY_PEPPER, minLength: 32 },
    ],
    problems,
  );
  const jwks = config.JWT_PRIVATE_JWKS ?? readFileSync(JWT_PRIVATE_JWKS_FILE ?? '', 'utf8');
  return {
    ...config,
    JWT_PRIVATE_JWKS: jwks,
    ARGON2_MAX_IN_FLIGHT:
      config.ARGON2_MAX_IN_FLIGHT ??
      defaultMaxInFlight(availableParallelism(), config.UV_THREADPOOL_SIZE),
  };
}
