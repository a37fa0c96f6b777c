import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pino from 'pino';
import { Registry } from 'prom-client';
import { connectWebSocket, getInfra, uniquePrefix } from '@kavosh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createRealtimeHub, type ProtocolHandlers, type RealtimeHub } from './hub.js';
import type { PushMessage } from './schemas.js';

// The hub alone on real Redis and real sockets, with protocol handlers the test controls: what
// a resume does with live frames that arrive while the database replay is still running.
let redis: Redis;
let subscriber: Redis;
let server: WebSocketServer;
let hub: RealtimeHub;
let url: string;
let releaseReplay: () => void = () => undefined;
let replayStarted: () => void = () => undefined;
const userId = randomUUID();
const conversationId = randomUUID();
const senderId = randomUUID();

const chatMessage = (id: string): PushMessage => ({
  type: 'chat.message',
  message: {
    id,
    conversationId,
    senderId,
    body: `message ${id}`,
    createdAt: new Date(0).toISOString(),
  },
});

const handlers: ProtocolHandlers = {
  async resume() {
    replayStarted();
    await new Promise<void>((resolve) => {
      releaseReplay = resolve;
    });
    return { frames: [chatMessage('5')], complete: true };
  },
  typingRecipient: async () => null,
  roomExists: async () => false,
};

beforeAll(async () => {
  const { redisUrl } = await getInfra();
  // Connected before use, as installRealtime does: a subscribe must not race the ready check.
  redis = new Redis(redisUrl, { lazyConnect: true });
  subscriber = new Redis(redisUrl, { lazyConnect: true });
  await Promise.all([redis.connect(), subscriber.connect()]);
  hub = createRealtimeHub({
    redis,
    subscriber,
    keyPrefix: `${uniquePrefix('hub')}:`,
    maxBufferedBytes: 1_048_576,
    heartbeatMs: 60_000,
    maxRoomsPerConnection: 2,
    typingIntervalMs: 1_000,
    resumeLimit: 10,
    handlers,
    logger: pino({ level: 'silent' }),
    metrics: new Registry(),
  });
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', (socket) => hub.attach(userId, socket));
  await new Promise((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await hub?.close();
  server?.close();
  redis?.disconnect();
});

describe('realtime hub: resume', () => {
  it('when live frames arrive during the replay, then they follow resumed, minus those replayed', async () => {
    const ws = await connectWebSocket(url);
    expect(await ws.next()).toEqual({ v: 1, type: 'ready' });
    const started = new Promise<void>((resolve) => {
      replayStarted = resolve;
    });
    ws.send(JSON.stringify({ v: 1, type: 'resume', chatAfter: '4' }));
    await started;
    // The hub's subscriber emits to its listeners in order: once this one has seen 6, the hub's
    // own listener has handled 5 and 6.
    const handledByHub = new Promise<void>((resolve) => {
      subscriber.on('messageBuffer', (_channel: Buffer, payload: Buffer) => {
        if (payload.toString('utf8').includes('message 6')) resolve();
      });
    });
    // Both arrive while the replay runs: 5 is also in the replay, 6 is not.
    expect(await hub.pushToUser(userId, chatMessage('5'))).toBe(1);
    expect(await hub.pushToUser(userId, chatMessage('6'))).toBe(1);
    await handledByHub;
    releaseReplay();
    expect(await ws.next()).toEqual({ v: 1, ...chatMessage('5') });
    expect(await ws.next()).toEqual({
      v: 1,
      type: 'resumed',
      notifications: 0,
      chatMessages: 1,
      complete: true,
    });
    expect(await ws.next()).toEqual({ v: 1, ...chatMessage('6') });
    // ...and nothing else follows: the next frame is the answer to this ping.
    ws.send(JSON.stringify({ v: 1, type: 'ping' }));
    expect(await ws.next()).toEqual({ v: 1, type: 'pong' });
    ws.close();
  });

  it('when a client sends more frames than wait to be handled, then it is closed 1008', async () => {
    const ws = await connectWebSocket(url);
    expect(await ws.next()).toEqual({ v: 1, type: 'ready' });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.once('close', (code: number, reason: Buffer) =>
        resolve({ code, reason: reason.toString('utf8') }),
      ),
    );
    // The replay never finishes: every frame after it waits.
    ws.send(JSON.stringify({ v: 1, type: 'resume', chatAfter: '0' }));
    for (let i = 0; i < 40; i++) ws.send(JSON.stringify({ v: 1, type: 'ping' }));
    expect(await closed).toEqual({ code: 1008, reason: 'too many frames in flight' });
    releaseReplay();
  });
});
