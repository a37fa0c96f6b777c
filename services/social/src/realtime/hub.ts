import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { Value } from 'typebox/value';
import type { WebSocket } from 'ws';
import {
  ClientFrame,
  PROTOCOL_VERSION,
  type PushMessage,
  type ResumeFrame,
  type RoomName,
} from './schemas.js';

// RFC 6455 close codes used here (1009 "too big" is sent by ws itself, from maxPayload).
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_UNSUPPORTED_DATA = 1003;
export const CLOSE_POLICY_VIOLATION = 1008;
export const CLOSE_TRY_AGAIN_LATER = 1013;

const CLOSE_GRACE_MS = 1_000;
/** Client frames waiting for the previous one to be handled; past it the client floods (1008). */
const MAX_PENDING_FRAMES = 32;
/** Live frames held back while a resume replays the database; past it the connection is 1013. */
const MAX_HELD_FRAMES = 1_000;
/** Conversations a connection keeps a typing clock for; typing in more is dropped. */
const MAX_TYPING_CONVERSATIONS = 64;

/** What the hub asks the features for while it serves the protocol. */
export interface ProtocolHandlers {
  /**
   * The frames a reconnecting user missed, oldest first per kind (at most `limit` of each), and
   * whether that is all of them.
   */
  resume(
    userId: string,
    frame: ResumeFrame,
    limit: number,
  ): Promise<{ frames: PushMessage[]; complete: boolean }>;
  /** Who hears `userId` typing in the conversation; null when they may not (not in it, blocked). */
  typingRecipient(userId: string, conversationId: string): Promise<string | null>;
  /** Whether the room exists (a published movie). */
  roomExists(room: RoomName): Promise<boolean>;
}

export interface RealtimeHub {
  /**
   * Sends `message` to every open connection of `userId`, on whichever social replica holds it:
   * published on the user's Redis channel, delivered by each replica subscribed to it. Resolves to
   * the number of replicas that received it (0: the user is not connected anywhere). At most once:
   * a user who is offline misses it; durable notifications and messages live in the database and
   * come back with a resume.
   */
  pushToUser(userId: string, message: PushMessage): Promise<number>;
  /** Sends `message` to every connection subscribed to `room`, on any replica. */
  pushToRoom(room: RoomName, message: PushMessage): Promise<number>;
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
  /** Start of every channel name (`<prefix>user:<id>`, `<prefix>room:<room>`). */
  keyPrefix: string;
  /** A connection whose unsent bytes exceed this is closed 1013 instead of growing. */
  maxBufferedBytes: number;
  /** Ping every connection this often; one that has not answered the previous ping is dropped. */
  heartbeatMs: number;
  /** Rooms one connection may be subscribed to at once. */
  maxRoomsPerConnection: number;
  /** One typing signal per conversation and connection per this many ms; the rest are dropped. */
  typingIntervalMs: number;
  /** Notifications and chat messages one resume replays, each. */
  resumeLimit: number;
  handlers: ProtocolHandlers;
  logger: Logger;
  metrics: Registry;
  now?: () => number;
}

interface Peer {
  userId: string;
  alive: boolean;
  rooms: Set<RoomName>;
  /** Client frames are handled one after another, in order. */
  chain: Promise<void>;
  pending: number;
  resumed: boolean;
  /** Live payloads that arrived during a resume's replay; sent after it, unless replayed. */
  held: Buffer[] | null;
  typingAt: Map<string, number>;
}

const serialize = (message: PushMessage): string =>
  JSON.stringify({ v: PROTOCOL_VERSION, ...message });

/** What identifies a durable frame, so a live copy of a replayed one is not sent twice. */
function durableKey(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as {
    type?: unknown;
    notification?: { id?: unknown };
    message?: { id?: unknown };
  };
  if (m.type === 'notification.created') return `n:${String(m.notification?.id)}`;
  if (m.type === 'chat.message') return `c:${String(m.message?.id)}`;
  return null;
}

export function createRealtimeHub(opts: HubOptions): RealtimeHub {
  const now = opts.now ?? Date.now;
  const userPrefix = `${opts.keyPrefix}user:`;
  const roomPrefix = `${opts.keyPrefix}room:`;
  const byUser = new Map<string, Set<WebSocket>>();
  const byRoom = new Map<string, Set<WebSocket>>();
  const peers = new Map<WebSocket, Peer>();
  /** Redis channels this replica listens on, with how many local members need each. */
  const channels = new Map<string, { members: number; ready: Promise<void> }>();

  const connections = new Gauge({
    name: 'social_ws_connections',
    help: 'WebSocket connections open on this process',
    registers: [opts.metrics],
  });
  const roomGauge = new Gauge({
    name: 'social_ws_rooms',
    help: 'Live rooms with at least one subscriber on this process',
    registers: [opts.metrics],
  });
  const pushed = new Counter({
    name: 'social_ws_messages_pushed_total',
    help: 'Frames sent to WebSocket clients by pushToUser and pushToRoom, per connection',
    registers: [opts.metrics],
  });
  const dropped = new Counter({
    name: 'social_ws_slow_consumers_closed_total',
    help: 'WebSocket connections closed because their client did not read fast enough',
    registers: [opts.metrics],
  });
  const refused = new Counter({
    name: 'social_ws_client_frames_refused_total',
    help: 'Client frames that closed their connection (malformed, unknown, binary, flooding)',
    registers: [opts.metrics],
  });
  const typingDropped = new Counter({
    name: 'social_ws_typing_dropped_total',
    help: 'Typing signals dropped by the per-connection rate limit',
    registers: [opts.metrics],
  });

  /** A frame as a text message; a Buffer is sent as is (encoded once for every recipient). */
  function send(socket: WebSocket, payload: string | Buffer): boolean {
    if (socket.readyState !== socket.OPEN) return false;
    // A client that stops reading would grow this buffer without bound: close it instead.
    if (socket.bufferedAmount > opts.maxBufferedBytes) {
      dropped.inc();
      socket.close(CLOSE_TRY_AGAIN_LATER, 'slow consumer');
      return false;
    }
    socket.send(payload, { binary: false });
    return true;
  }

  const reply = (socket: WebSocket, message: PushMessage) => send(socket, serialize(message));

  /** Sends or holds (during a resume) one fan-out payload; whether it was sent. */
  function deliver(socket: WebSocket, payload: Buffer): boolean {
    const peer = peers.get(socket);
    if (!peer) return false;
    if (peer.held) {
      if (peer.held.length >= MAX_HELD_FRAMES) {
        dropped.inc();
        socket.close(CLOSE_TRY_AGAIN_LATER, 'slow consumer');
        return false;
      }
      peer.held.push(payload);
      return false;
    }
    return send(socket, payload);
  }

  // Buffers from Redis, sent as they came: no decoding, and one encoding for all recipients.
  opts.subscriber.on('messageBuffer', (channelBuffer: Buffer, payload: Buffer) => {
    const channel = channelBuffer.toString('utf8');
    const members = channel.startsWith(userPrefix)
      ? byUser.get(channel.slice(userPrefix.length))
      : channel.startsWith(roomPrefix)
        ? byRoom.get(channel.slice(roomPrefix.length))
        : undefined;
    let sent = 0;
    for (const socket of members ?? []) if (deliver(socket, payload)) sent++;
    if (sent > 0) pushed.inc(sent);
  });

  /** Listens on `channel` while at least one local member needs it; resolves once subscribed. */
  function join(channel: string): Promise<void> {
    let entry = channels.get(channel);
    if (!entry) {
      const ready = opts.subscriber.subscribe(channel).then(() => undefined);
      const created = { members: 0, ready };
      entry = created;
      channels.set(channel, created);
      ready.catch(() => {
        if (channels.get(channel) === created) channels.delete(channel);
      });
    }
    entry.members++;
    return entry.ready;
  }

  function leave(channel: string): void {
    const entry = channels.get(channel);
    if (!entry) return;
    entry.members--;
    if (entry.members > 0) return;
    channels.delete(channel);
    opts.subscriber.unsubscribe(channel).catch((err: unknown) => {
      opts.logger.warn({ err }, 'redis unsubscribe failed');
    });
  }

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

  function refuse(socket: WebSocket, code: number, reason: string): void {
    refused.inc();
    socket.close(code, reason);
  }

  /** Parses and validates one client frame; closes the connection and answers null if it is bad. */
  function parse(socket: WebSocket, data: Buffer, isBinary: boolean): ClientFrame | null {
    if (isBinary) {
      refuse(socket, CLOSE_UNSUPPORTED_DATA, 'text frames only');
      return null;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString('utf8'));
    } catch {
      refuse(socket, CLOSE_POLICY_VIOLATION, 'not JSON');
      return null;
    }
    if (Value.Check(ClientFrame, frame)) return frame;
    const version = (frame as { v?: unknown } | null)?.v;
    refuse(
      socket,
      CLOSE_POLICY_VIOLATION,
      version === PROTOCOL_VERSION ? 'unknown or malformed frame' : 'unsupported version',
    );
    return null;
  }

  async function handle(socket: WebSocket, peer: Peer, frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'ping':
        reply(socket, { type: 'pong' });
        return;
      case 'resume':
        return resume(socket, peer, frame);
      case 'subscribe':
        return subscribe(socket, peer, frame.room);
      case 'unsubscribe':
        unsubscribe(socket, peer, frame.room);
        reply(socket, { type: 'unsubscribed', room: frame.room });
        return;
      case 'chat.typing':
        return typing(socket, peer, frame.conversationId);
    }
  }

  async function resume(socket: WebSocket, peer: Peer, frame: ResumeFrame): Promise<void> {
    if (peer.resumed) {
      reply(socket, {
        type: 'error',
        code: 'ALREADY_RESUMED',
        detail: 'A connection resumes once, before anything else it missed arrives.',
      });
      return;
    }
    peer.resumed = true;
    peer.held = [];
    try {
      const { frames, complete } = await opts.handlers.resume(peer.userId, frame, opts.resumeLimit);
      const replayed = new Set<string>();
      let notifications = 0;
      let chatMessages = 0;
      for (const message of frames) {
        const key = durableKey(message);
        if (key) replayed.add(key);
        if (message.type === 'notification.created') notifications++;
        if (message.type === 'chat.message') chatMessages++;
        reply(socket, message);
      }
      reply(socket, { type: 'resumed', notifications, chatMessages, complete });
      const held = peer.held;
      peer.held = null;
      for (const payload of held) {
        const key = durableKey(JSON.parse(payload.toString('utf8')));
        if ((key === null || !replayed.has(key)) && deliver(socket, payload)) pushed.inc();
      }
    } finally {
      peer.held = null;
    }
  }

  async function subscribe(socket: WebSocket, peer: Peer, room: RoomName): Promise<void> {
    if (!peer.rooms.has(room)) {
      if (peer.rooms.size >= opts.maxRoomsPerConnection) {
        reply(socket, {
          type: 'error',
          code: 'ROOM_LIMIT',
          detail: `At most ${opts.maxRoomsPerConnection} rooms per connection; unsubscribe one.`,
        });
        return;
      }
      if (!(await opts.handlers.roomExists(room))) {
        reply(socket, { type: 'error', code: 'ROOM_NOT_FOUND', detail: 'No such movie.' });
        return;
      }
      if (!peers.has(socket) || peer.rooms.has(room)) return;
      peer.rooms.add(room);
      let members = byRoom.get(room);
      if (!members) {
        members = new Set();
        byRoom.set(room, members);
      }
      members.add(socket);
      roomGauge.set(byRoom.size);
      await join(`${roomPrefix}${room}`);
    }
    reply(socket, { type: 'subscribed', room });
  }

  function unsubscribe(socket: WebSocket, peer: Peer, room: RoomName): void {
    if (!peer.rooms.delete(room)) return;
    const members = byRoom.get(room);
    members?.delete(socket);
    if (members?.size === 0) byRoom.delete(room);
    roomGauge.set(byRoom.size);
    leave(`${roomPrefix}${room}`);
  }

  async function typing(socket: WebSocket, peer: Peer, conversationId: string): Promise<void> {
    const at = now();
    const last = peer.typingAt.get(conversationId);
    const limited =
      (last !== undefined && at - last < opts.typingIntervalMs) ||
      (last === undefined && peer.typingAt.size >= MAX_TYPING_CONVERSATIONS);
    if (limited) {
      typingDropped.inc();
      return;
    }
    peer.typingAt.set(conversationId, at);
    const recipient = await opts.handlers.typingRecipient(peer.userId, conversationId);
    if (recipient === null) {
      reply(socket, {
        type: 'error',
        code: 'CONVERSATION_NOT_FOUND',
        detail: 'No conversation with this id that you can type in.',
      });
      return;
    }
    await hub.pushToUser(recipient, { type: 'chat.typing', conversationId, userId: peer.userId });
  }

  function onMessage(socket: WebSocket, peer: Peer, data: Buffer, isBinary: boolean): void {
    const frame = parse(socket, data, isBinary);
    if (!frame) return;
    if (peer.pending >= MAX_PENDING_FRAMES) {
      refuse(socket, CLOSE_POLICY_VIOLATION, 'too many frames in flight');
      return;
    }
    peer.pending++;
    peer.chain = peer.chain
      .then(() => (socket.readyState === socket.OPEN ? handle(socket, peer, frame) : undefined))
      .catch((err: unknown) => {
        opts.logger.warn({ err, type: frame.type }, 'client frame failed');
        socket.close(CLOSE_TRY_AGAIN_LATER, 'unavailable');
      })
      .finally(() => {
        peer.pending--;
      });
  }

  function detach(socket: WebSocket, peer: Peer): void {
    if (!peers.delete(socket)) return;
    connections.dec();
    for (const room of [...peer.rooms]) unsubscribe(socket, peer, room);
    const sockets = byUser.get(peer.userId);
    sockets?.delete(socket);
    if (sockets?.size === 0) byUser.delete(peer.userId);
    leave(`${userPrefix}${peer.userId}`);
  }

  const hub: RealtimeHub = {
    async pushToUser(userId, message) {
      return opts.redis.publish(`${userPrefix}${userId}`, serialize(message));
    },

    async pushToRoom(room, message) {
      return opts.redis.publish(`${roomPrefix}${room}`, serialize(message));
    },

    attach(userId, socket) {
      const peer: Peer = {
        userId,
        alive: true,
        rooms: new Set(),
        chain: Promise.resolve(),
        pending: 0,
        resumed: false,
        held: null,
        typingAt: new Map(),
      };
      peers.set(socket, peer);
      connections.inc();
      let sockets = byUser.get(userId);
      if (!sockets) {
        sockets = new Set();
        byUser.set(userId, sockets);
      }
      sockets.add(socket);
      socket.on('pong', () => {
        peer.alive = true;
      });
      socket.on('message', (data: Buffer, isBinary) => onMessage(socket, peer, data, isBinary));
      socket.on('close', () => detach(socket, peer));
      socket.on('error', (err) => opts.logger.debug({ err }, 'websocket error'));
      // `ready` once this replica listens on the user's channel: a push sent after it arrives.
      // Client frames wait for it too (they queue on the chain).
      peer.chain = join(`${userPrefix}${userId}`).then(
        () => {
          reply(socket, { type: 'ready' });
        },
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
  return hub;
}
