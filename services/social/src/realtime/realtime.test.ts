import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino from 'pino';
import { connectWebSocket, eventually, TcpProxy } from '@kavosh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSocial } from '../../test/helper.js';
import { testTokens } from '@kavosh/auth-client/testing';
import type { SocialApp } from '../app.js';

type Social = Awaited<ReturnType<typeof startSocial>>;

const closed = (ws: WebSocket): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  );

async function listen(app: SocialApp): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

describe('social realtime: tickets, /ws and fan-out through Redis', () => {
  let first: Social;
  let second: Social;
  let host: string;
  const userId = randomUUID();

  const ticketFor = async (app: SocialApp, id = userId) => {
    const token = await (await testTokens()).tokenFor({ userId: id });
    const res = await app.inject({
      method: 'POST',
      url: '/ws-ticket',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ ticket: string; expiresIn: number }>();
  };

  /** A connection of `id` that has announced it is subscribed (a push sent now reaches it). */
  const connectReady = async (id = userId) => {
    const { ticket } = await ticketFor(first.app, id);
    const ws = await connectWebSocket(`ws://${host}/ws?ticket=${ticket}`);
    expect(await ws.next()).toEqual({ v: 1, type: 'ready' });
    return ws;
  };

  let secondHost: string;
  let redis: Redis;
  const logLines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );

  beforeAll(async () => {
    [first, second] = await Promise.all([
      startSocial({
        env: { WS_MAX_PAYLOAD_BYTES: '1024', WS_MAX_BUFFERED_BYTES: '65536' },
        deps: { logger },
      }),
      // The shortest heartbeat: a peer that never answers a ping is dropped within 2 s.
      startSocial({ env: { WS_HEARTBEAT_MS: '1000' } }),
    ]);
    [host, secondHost] = await Promise.all([listen(first.app), listen(second.app)]);
    redis = new Redis(first.infra.redisUrl);
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([first?.close(), second?.close()]);
  });

  it('when the caller has no token, then POST /ws-ticket answers 401', async () => {
    const res = await first.app.inject({ method: 'POST', url: '/ws-ticket' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('when signed in, then a ticket of 128+ random bits and its lifetime come back', async () => {
    const a = await ticketFor(first.app);
    const b = await ticketFor(first.app);
    expect(a.expiresIn).toBe(30);
    expect(a.ticket).toMatch(/^[A-Za-z0-9_-]{22}\.\d{10}\.[A-Za-z0-9_-]{43}$/);
    expect(a.ticket).not.toBe(b.ticket);
  });

  it('when a ticket is issued, then Redis holds only its hash, for its lifetime', async () => {
    const { ticket } = await ticketFor(first.app);
    const hash = createHash('sha256').update(ticket).digest('hex');
    expect(await redis.get(`social:ws:ticket:${hash}`)).toBe(userId);
    const ttl = await redis.ttl(`social:ws:ticket:${hash}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
    expect(await redis.keys(`*${ticket}*`)).toEqual([]);
  });

  it('when tickets are used or refused, then no log line carries one', async () => {
    const { ticket } = await ticketFor(first.app);
    const ws = await connectWebSocket(`ws://${host}/ws?ticket=${ticket}`);
    await expect(connectWebSocket(`ws://${host}/ws?ticket=${ticket}`)).rejects.toMatchObject({
      status: 401,
    });
    ws.close();
    const refused = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(refused).toContainEqual(
      expect.objectContaining({ status_code: 401, url: '/ws?ticket=[REDACTED]' }),
    );
    expect(logLines.join('')).not.toContain(ticket.split('.')[2]);
  });

  it('when a peer stops answering pings, then the heartbeat drops it', async () => {
    const { ticket } = await ticketFor(second.app);
    // autoPong off: this client hears the pings and never answers them.
    const silent = new WebSocket(`ws://${secondHost}/ws?ticket=${ticket}`, { autoPong: false });
    const pinged = new Promise((resolve) => silent.once('ping', resolve));
    const dropped = closed(silent);
    await pinged;
    // Terminated, not closed: a peer that does not answer pings would not answer a close either.
    expect((await dropped).code).toBe(1006);
  });

  it('when a ticket opens /ws, then ping is answered pong', async () => {
    const ws = await connectReady();
    ws.send(JSON.stringify({ v: 1, type: 'ping' }));
    expect(await ws.next()).toEqual({ v: 1, type: 'pong' });
    ws.close(1000);
    expect((await closed(ws)).code).toBe(1000);
  });

  it('when a ticket is used twice, then the second upgrade is refused 401 before upgrading', async () => {
    const { ticket } = await ticketFor(first.app);
    const ws = await connectWebSocket(`ws://${host}/ws?ticket=${ticket}`);
    await expect(connectWebSocket(`ws://${host}/ws?ticket=${ticket}`)).rejects.toMatchObject({
      status: 401,
      body: expect.stringContaining('WS_TICKET_INVALID'),
    });
    ws.close();
  });

  it('when the ticket is missing, unknown or malformed, then the upgrade is refused', async () => {
    await expect(connectWebSocket(`ws://${host}/ws`)).rejects.toMatchObject({ status: 401 });
    const forged = `${'A'.repeat(22)}.${Math.floor(Date.now() / 1000) + 30}.${'B'.repeat(43)}`;
    await expect(connectWebSocket(`ws://${host}/ws?ticket=${forged}`)).rejects.toMatchObject({
      status: 401,
    });
    await expect(connectWebSocket(`ws://${host}/ws?ticket=nope`)).rejects.toMatchObject({
      status: 400,
      body: expect.stringContaining('VALIDATION_FAILED'),
    });
  });

  it('when GET /ws is not an upgrade, then it answers 426 and the ticket stays usable', async () => {
    const { ticket } = await ticketFor(first.app);
    const res = await first.app.inject({ method: 'GET', url: `/ws?ticket=${ticket}` });
    expect(res.statusCode).toBe(426);
    expect(res.json()).toMatchObject({ code: 'UPGRADE_REQUIRED' });
    const ws = await connectWebSocket(`ws://${host}/ws?ticket=${ticket}`);
    ws.close();
  });

  it('when another replica pushes to the user, then every connection of that user receives it', async () => {
    const [a, b] = [await connectReady(), await connectReady()];
    const stranger = await connectReady(randomUUID());
    const receivedA = a.next();
    const receivedB = b.next();
    // `second` holds no connection: the message crosses Redis to `first`.
    const notification = { id: '7', kind: 'user.followed' };
    expect(
      await second.app.realtime.pushToUser(userId, { type: 'notification.created', notification }),
    ).toBe(1);
    expect(await receivedA).toEqual({ v: 1, type: 'notification.created', notification });
    expect(await receivedB).toEqual({ v: 1, type: 'notification.created', notification });
    // The stranger's own ping is answered after anything pushed to it would have been.
    stranger.send(JSON.stringify({ v: 1, type: 'ping' }));
    expect(await stranger.next()).toEqual({ v: 1, type: 'pong' });
    expect(
      await second.app.realtime.pushToUser(randomUUID(), {
        type: 'notification.created',
        notification,
      }),
    ).toBe(0);

    // Connections of earlier tests may still be closing on the server's side.
    await eventually(async () => {
      const metrics = await first.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/^social_ws_connections 3$/m);
      expect(metrics.body).toMatch(/^social_ws_messages_pushed_total [1-9]\d*$/m);
    });
    for (const ws of [a, b, stranger]) ws.close();
  });

  it('when a client sends an unknown or malformed frame, then the server closes 1008', async () => {
    const unknown = await connectReady();
    const unknownClosed = closed(unknown);
    unknown.send(JSON.stringify({ v: 1, type: 'subscribe', all: true }));
    expect(await unknownClosed).toEqual({ code: 1008, reason: 'unknown or malformed frame' });
    const badRoom = await connectReady();
    const badRoomClosed = closed(badRoom);
    badRoom.send(JSON.stringify({ v: 1, type: 'subscribe', room: 'movie:../../etc' }));
    expect(await badRoomClosed).toEqual({ code: 1008, reason: 'unknown or malformed frame' });
    const extra = await connectReady();
    const extraClosed = closed(extra);
    extra.send(JSON.stringify({ v: 1, type: 'ping', also: 1 }));
    expect((await extraClosed).code).toBe(1008);
    // The server is unaffected: a well-behaved connection is still served.
    const fine = await connectReady();
    fine.send(JSON.stringify({ v: 1, type: 'ping' }));
    expect(await fine.next()).toEqual({ v: 1, type: 'pong' });
    fine.close();
  });

  it('when a client frame has no or another protocol version, then the server closes 1008', async () => {
    for (const frame of [{ type: 'ping' }, { v: 2, type: 'ping' }]) {
      const ws = await connectReady();
      const done = closed(ws);
      ws.send(JSON.stringify(frame));
      expect(await done).toEqual({ code: 1008, reason: 'unsupported version' });
    }
  });

  it('when a client sends something that is not JSON, or binary, then it is closed', async () => {
    const text = await connectReady();
    const textClosed = closed(text);
    text.send('{not json');
    expect((await textClosed).code).toBe(1008);
    const binary = await connectReady();
    const binaryClosed = closed(binary);
    binary.send(Buffer.from([1, 2, 3]));
    expect((await binaryClosed).code).toBe(1003);
  });

  it('when a client sends more than WS_MAX_PAYLOAD_BYTES, then it is closed 1009', async () => {
    const ws = await connectReady();
    const done = closed(ws);
    ws.send(JSON.stringify({ v: 1, type: 'ping', pad: 'x'.repeat(2_000) }));
    expect((await done).code).toBe(1009);
  });

  it('when Redis does not answer, then tickets are refused 503, not 500, and come back with it', async () => {
    const redisProxy = await TcpProxy.start({ target: first.infra.redisUrl });
    const cut = await startSocial({ env: { REDIS_URL: redisProxy.rewrite(first.infra.redisUrl) } });
    try {
      const cutHost = await listen(cut.app);
      const { ticket } = await ticketFor(cut.app);
      redisProxy.cut();
      const token = await (await testTokens()).tokenFor({ userId });
      const res = await cut.app.inject({
        method: 'POST',
        url: '/ws-ticket',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'REDIS_UNAVAILABLE' });
      await expect(connectWebSocket(`ws://${cutHost}/ws?ticket=${ticket}`)).rejects.toMatchObject({
        status: 503,
      });
      redisProxy.restore();
      // The refused upgrade never reached Redis: the ticket still opens the socket.
      await eventually(async () => {
        const ws = await connectWebSocket(`ws://${cutHost}/ws?ticket=${ticket}`);
        ws.close();
      });
    } finally {
      await cut.close();
      await redisProxy.close();
    }
  }, 30_000);

  it('when a client stops reading, then pushes stop at the buffer cap and it is closed 1013', async () => {
    const id = randomUUID();
    const ws = await connectReady(id);
    // Stop reading: the kernel buffers fill, then the server's own buffer grows to the cap.
    ws.pause();
    const big = 'x'.repeat(60_000);
    let closedByServer = false;
    for (let i = 0; i < 2_000 && !closedByServer; i++) {
      const notification = { id: String(i + 1), big };
      await second.app.realtime.pushToUser(id, { type: 'notification.created', notification });
      if (i % 50 === 49) {
        const metrics = await first.app.inject({ method: 'GET', url: '/metrics' });
        closedByServer = /^social_ws_slow_consumers_closed_total [1-9]/m.test(metrics.body);
      }
    }
    expect(closedByServer).toBe(true);
    const done = closed(ws);
    ws.resume();
    expect((await done).code).toBe(1013);
  }, 30_000);
});
