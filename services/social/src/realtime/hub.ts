import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { Value } from 'typebox/value';
import type { WebSocket } from 'ws';
import { ClientMessage, type PushMessage } from './schemas.js';

// RFC 6455 close codes used here (1009 "too big" is sent by ws itself, from maxPayload).
export const CLOSE_UNSUPPORTED_DATA = 1003;
export const CLOSE_POLICY_VIOLATION = 1008;
export const CLOSE_TRY_AGAIN_LATER = 1013;
export const CLOSE_GOING_AWAY = 1001;

const CLOSE_GRACE_MS = 1_000;

export interface RealtimeHub {
  /**
   * Sends `message` to every open connection of `userId`, on whichever social replica holds it:
   * published on the user's Redis channel, delivered by each replica subscribed to it. Resolves to
   * the number of replicas that received it (0: the user is not connected anywhere). At most once:
   * a user who is offline misses it; durable notifications live in the database.
   */
  pushToUser(userId: string, message: PushMessage): Promise<number>;
  /** Serves one authenticated connection until it closes. */
  attach(userId: string, socket: WebSocket): void;
  /** Closes every connection (1001) and stops the heartbeat and the subscriber. */
  close(): Promise<void>;
}

export interface HubOptions {
  /** Publishes pushes; any connection. */
  redis: Redis;
  /** Its own connection: a subscribed Redis connection can run nothing else. */
  subscriber: Redis;
  /** Start of every channel name (`<prefix>user:<id>`). */
  keyPrefix: string;
  /** A connection whose unsent bytes exceed this is closed 1013 instead of growing. */
  maxBufferedBytes: number;
  /** Ping every connection this often; one that has not answered the previous ping is dropped. */
  heartbeatMs: number;
  logger: Logger;
  metrics: Registry;
}

interface Peer {
  userId: string;
  alive: boolean;
}

export function createRealtimeHub(opts: HubOptions): RealtimeHub {
  const channelOf = (userId: string) => `${opts.keyPrefix}user:${userId}`;
  const byUser = new Map<string, Set<WebSocket>>();
  const peers = new Map<WebSocket, Peer>();
  const connections = new Gauge({
    name: 'social_ws_connections',
    help: 'WebSocket connections open on this process',
    registers: [opts.metrics],
  });
  const pushed = new Counter({
    name: 'social_ws_messages_pushed_total',
    help: 'Messages sent to WebSocket clients by pushToUser, per connection',
    registers: [opts.metrics],
  });
  const dropped = new Counter({
    name: 'social_ws_slow_consumers_closed_total',
    help: 'WebSocket connections closed because their client did not read fast enough',
    registers: [opts.metrics],
  });

  function send(socket: WebSocket, payload: string): boolean {
    if (socket.readyState !== socket.OPEN) return false;
    // A client that stops reading would grow this buffer without bound: close it instead.
    if (socket.bufferedAmount > opts.maxBufferedBytes) {
      dropped.inc();
      socket.close(CLOSE_TRY_AGAIN_LATER, 'slow consumer');
      return false;
    }
    socket.send(payload);
    return true;
  }

  opts.subscriber.on('message', (channel: string, payload: string) => {
    const userId = channel.slice(opts.keyPrefix.length + 'user:'.length);
    for (const socket of byUser.get(userId) ?? []) {
      if (send(socket, payload)) pushed.inc();
    }
  });

  const heartbeat = setInterval(() => {
    for (const [socket, peer] of peers) {
      if (!peer.alive) {
        socket.terminate();
        continue;
      }
      peer.alive = false;
      socket.ping();
    }
  }, opts.heartbeatMs);
  heartbeat.unref();

  function onMessage(socket: WebSocket, data: Buffer, isBinary: boolean): void {
    if (isBinary) {
      socket.close(CLOSE_UNSUPPORTED_DATA, 'text frames only');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(data.toString('utf8'));
    } catch {
      socket.close(CLOSE_POLICY_VIOLATION, 'not JSON');
      return;
    }
    if (!Value.Check(ClientMessage, message)) {
      socket.close(CLOSE_POLICY_VIOLATION, 'unknown message');
      return;
    }
    // The only message today; the union grows with features.
    send(socket, JSON.stringify({ type: 'pong' }));
  }

  async function detach(socket: WebSocket, userId: string): Promise<void> {
    if (!peers.delete(socket)) return;
    connections.dec();
    const sockets = byUser.get(userId);
    sockets?.delete(socket);
    if (sockets && sockets.size === 0) {
      byUser.delete(userId);
      await opts.subscriber.unsubscribe(channelOf(userId)).catch((err: unknown) => {
        opts.logger.warn({ err }, 'redis unsubscribe failed');
      });
    }
  }

  return {
    async pushToUser(userId, message) {
      return opts.redis.publish(channelOf(userId), JSON.stringify(message));
    },

    attach(userId, socket) {
      const peer: Peer = { userId, alive: true };
      peers.set(socket, peer);
      connections.inc();
      let sockets = byUser.get(userId);
      const first = sockets === undefined;
      if (!sockets) {
        sockets = new Set();
        byUser.set(userId, sockets);
      }
      sockets.add(socket);
      socket.on('pong', () => {
        peer.alive = true;
      });
      socket.on('message', (data: Buffer, isBinary) => onMessage(socket, data, isBinary));
      socket.on('close', () => void detach(socket, userId));
      socket.on('error', (err) => opts.logger.debug({ err }, 'websocket error'));
      // `ready` once this replica listens on the user's channel: a push sent after it arrives.
      const subscribed = first
        ? opts.subscriber.subscribe(channelOf(userId))
        : Promise.resolve(undefined);
      subscribed.then(
        () => send(socket, JSON.stringify({ type: 'ready' })),
        (err: unknown) => {
          opts.logger.warn({ err }, 'redis subscribe failed');
          socket.close(CLOSE_TRY_AGAIN_LATER, 'unavailable');
        },
      );
    },

    async close() {
      clearInterval(heartbeat);
      const open = [...peers.keys()];
      const closed = open.map(
        (socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())),
      );
      for (const socket of open) socket.close(CLOSE_GOING_AWAY, 'server shutting down');
      // A peer that does not answer the close handshake is cut after a moment.
      const grace = setTimeout(() => open.forEach((socket) => socket.terminate()), CLOSE_GRACE_MS);
      await Promise.all(closed);
      clearTimeout(grace);
      opts.subscriber.disconnect();
    },
  };
}
