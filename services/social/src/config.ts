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
  /** Deepest reply (top-level comments are depth 0): a reply to a comment at this depth is 409. */
  COMMENT_MAX_DEPTH: Type.Integer({ minimum: 1, maximum: 20, default: 3 }),
  /** Longest comment body, in characters after NFC normalization and trimming. */
  COMMENT_MAX_LENGTH: Type.Integer({ minimum: 1, maximum: 10_000, default: 2_000 }),
  /** How long after posting its author may edit a comment. */
  COMMENT_EDIT_WINDOW_SECONDS: Type.Integer({ minimum: 0, maximum: 604_800, default: 900 }),
  /** Replies shown under each top-level comment of a comments page (the rest by cursor). */
  COMMENT_REPLIES_PREVIEW: Type.Integer({ minimum: 0, maximum: 20, default: 3 }),
  /** Distinct users whose open reports hide a comment until a moderator decides. */
  REPORTS_AUTO_HIDE: Type.Integer({ minimum: 1, maximum: 1_000, default: 3 }),
  /** Live rooms (movie:<id>) one WebSocket connection may be subscribed to at once. */
  WS_MAX_ROOMS_PER_CONNECTION: Type.Integer({ minimum: 1, maximum: 1_000, default: 20 }),
  /** A connection relays one typing signal per conversation per this many ms; the rest drop. */
  WS_TYPING_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 2_000 }),
  /** Notifications and chat messages a reconnect's resume replays, each (then REST pages). */
  WS_RESUME_LIMIT: Type.Integer({ minimum: 1, maximum: 1_000, default: 200 }),
  /** Most users one user may follow: bounds the feed's fan-out-on-read (docs/social.md). */
  FOLLOWS_MAX_USERS: Type.Integer({ minimum: 1, maximum: 10_000, default: 1_000 }),
  /** How far back GET /feed reaches: with FOLLOWS_MAX_USERS, the bound of one page's reads. */
  FEED_HORIZON_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  /** Most genres one user may follow. */
  FOLLOWS_MAX_GENRES: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  /** Most users one published movie notifies (followers of its genres); the rest are skipped. */
  NOTIFY_GENRE_FANOUT_MAX: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 10_000 }),
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
