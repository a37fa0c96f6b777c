import websocket from '@fastify/websocket';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { KavoshApp } from '@kavosh/service-kit';
import type { SocialConfig } from '../config.js';
import { createRealtimeHub, type ProtocolHandlers, type RealtimeHub } from './hub.js';
import { realtimeRoutes } from './routes.js';
import { createTicketStore } from './tickets.js';

export type { ProtocolHandlers, RealtimeHub } from './hub.js';
export type { PushMessage, ResumeFrame, RoomName } from './schemas.js';
export { ChatMessageView, MessageId } from './schemas.js';

// A command waits at most one reconnection or REDIS_COMMAND_TIMEOUT_MS, then fails (503).
const REDIS_COMMAND_TIMEOUT_MS = 2_000;

const redisFor = (url: string, connectionName: string) =>
  new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectionName,
  });

/**
 * Live delivery: POST /ws-ticket, GET /ws, and the hub whose pushToUser and pushToRoom reach
 * connections on any replica through Redis pub/sub. `handlers` answer the client frames that need
 * the features (resume, typing, rooms). Needs `authenticate` registered on the app first.
 */
export async function installRealtime(
  app: KavoshApp,
  config: SocialConfig,
  logger: Logger,
  handlers: ProtocolHandlers,
): Promise<RealtimeHub> {
  const redis = redisFor(config.REDIS_URL, 'kavosh-social');
  const subscriber = redisFor(config.REDIS_URL, 'kavosh-social-fanout');
  const log = logger.child({ component: 'realtime' });
  redis.on('error', (err) => log.warn({ err }, 'redis connection error'));
  subscriber.on('error', (err) => log.warn({ err }, 'redis subscriber connection error'));
  // A social that starts while Redis is down still serves the rest; /health/dependencies reports
  // it, and ioredis keeps reconnecting (and resubscribes) in the background.
  await Promise.all([redis.connect(), subscriber.connect()]).catch(() => undefined);
  app.dependencies.add('redis', async () => {
    await redis.ping();
  });
  const hub = createRealtimeHub({
    redis,
    subscriber,
    keyPrefix: `${config.REDIS_KEY_PREFIX}ws:`,
    maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
    heartbeatMs: config.WS_HEARTBEAT_MS,
    maxRoomsPerConnection: config.WS_MAX_ROOMS_PER_CONNECTION,
    typingIntervalMs: config.WS_TYPING_INTERVAL_MS,
    resumeLimit: config.WS_RESUME_LIMIT,
    handlers,
    logger: log,
    metrics: app.metrics,
  });
  const tickets = createTicketStore({
    redis,
    secret: config.WS_TICKET_SECRET,
    ttlSeconds: config.WS_TICKET_TTL_SECONDS,
    keyPrefix: `${config.REDIS_KEY_PREFIX}ws:`,
  });
  await app.register(websocket, {
    options: { maxPayload: config.WS_MAX_PAYLOAD_BYTES },
    // Clients hear 1001 (going away) and reconnect elsewhere, instead of a bare close.
    preClose: async () => hub.close(),
  });
  await app.register(realtimeRoutes, { tickets, hub });
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  return hub;
}
