import { Type, type Static } from 'typebox';
import { TokenEnv } from '@kavosh/auth-client';
import {
  CommonEnv,
  assertProductionSecrets,
  commonSecretRules,
  loadConfig,
} from '@kavosh/service-kit';

export const SocialEnv = Type.Object({
  ...CommonEnv.properties,
  ...TokenEnv.properties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3004 }),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
  /**
   * HMAC key of WebSocket tickets, shared with the gateway (which refuses forged or expired ones
   * before connecting); a secret, never logged.
   */
  WS_TICKET_SECRET: Type.String({ minLength: 32, maxLength: 512 }),
  /** How long a ticket from POST /ws-ticket may wait before it opens GET /ws (once). */
  WS_TICKET_TTL_SECONDS: Type.Integer({ minimum: 5, maximum: 300, default: 30 }),
  /** The largest message a client may send; a bigger one closes the connection with 1009. */
  WS_MAX_PAYLOAD_BYTES: Type.Integer({ minimum: 64, maximum: 1_048_576, default: 4_096 }),
  /** Unsent bytes a connection may hold; past it the client is too slow and is closed (1013). */
  WS_MAX_BUFFERED_BYTES: Type.Integer({ minimum: 1_024, maximum: 67_108_864, default: 1_048_576 }),
  /** Every connection is pinged this often; one that missed the previous pong is dropped. */
  WS_HEARTBEAT_MS: Type.Integer({ minimum: 1_000, maximum: 600_000, default: 30_000 }),
  /** Start of every Redis key and channel social writes (tickets, fan-out). */
  REDIS_KEY_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_-]{1,64}$', default: 'social:' }),
});
export type SocialConfig = Static<typeof SocialEnv>;

export const readConfig = (env: Record<string, string | undefined> = process.env): SocialConfig => {
  const config = loadConfig(SocialEnv, env);
  assertProductionSecrets(config, [
    ...commonSecretRules(config),
    { variable: 'WS_TICKET_SECRET', value: config.WS_TICKET_SECRET, minLength: 32 },
  ]);
  return config;
};
