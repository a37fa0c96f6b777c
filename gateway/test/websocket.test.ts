import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { connectWebSocket, getInfra, uniquePrefix } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { serveDeclarations, startUpstream } from './support.js';

const SECRET = randomBytes(32).toString('base64url');
const PAYLOAD_CAP = 1_024;
const BUFFER_CAP = 64 * 1024;

/** A ticket as social signs them; `expires` in Unix seconds. */
const ticketFor = (expires = Math.floor(Date.now() / 1000) + 30, secret = SECRET) => {
  const body = `${randomBytes(16).toString('base64url')}.${expires}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
};

interface UpstreamPeer {
  request: IncomingMessage;
  socket: WebSocket;
  closed: Promise<number>;
}

/**
 * Social's /ws as the gateway sees it: counts every upgrade that reaches it, refuses a ticket it
 * saw before (401 problem+json, as social does), answers ping with pong, and on command closes
 * with a code or floods the client.
 */
async function startWsUpstream() {
  const used = new Set<string>();
  const peers: UpstreamPeer[] = [];
  let upgrades = 0;
  const wss = new WebSocketServer({ noServer: true });
  const server: Server = createServer((req, res) => {
    if (serveDeclarations(req, res)) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    upgrades++;
    const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket') ?? '';
    if (used.has(ticket)) {
      const body = JSON.stringify({ status: 401, code: 'WS_TICKET_INVALID' });
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/problem+json\r\n` +
          `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    used.add(ticket);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      peers.push({ request: req, socket: ws, closed });
      ws.on('message', (data: Buffer) => {
        const command = JSON.parse(data.toString('utf8')) as {
          type: string;
          code?: number;
          count?: number;
        };
        if (command.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
        if (command.type === 'close') ws.close(command.code);
        if (command.type === 'flood') {
          const big = 'x'.repeat(32 * 1024);
          for (let i = 0; i < (command.count ?? 0) && ws.readyState === WebSocket.OPEN; i++) {
            ws.send(JSON.stringify({ type: 'notice', big }));
          }
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    upgrades: () => upgrades,
    peers,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const closeOf = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  );

describe('gateway WebSocket proxy to social', () => {
  let others: Awaited<ReturnType<typeof startUpstream>>;
  let social: Awaited<ReturnType<typeof startWsUpstream>>;
  const gateways: KavoshApp[] = [];
  const logLines: string[] = [];
  let base: string;

  const startGateway = async (env: Record<string, string> = {}) => {
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    const app = await buildApp(
      readConfig({
        ...others.env,
        SOCIAL_URL: social.url,
        REDIS_URL: (await getInfra()).redisUrl,
        REDIS_KEY_PREFIX: `${uniquePrefix('gw-ws')}:`,
        WS_TICKET_SECRET: SECRET,
        WS_MAX_PAYLOAD_BYTES: String(PAYLOAD_CAP),
        WS_MAX_BUFFERED_BYTES: String(BUFFER_CAP),
        ...env,
      }),
      { logger },
    );
    gateways.push(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  };

  /** The connection through the gateway and social's side of it. */
  const open = async (ticket = ticketFor()) => {
    const before = social.peers.length;
    const client = await connectWebSocket(`${base}/api/social/ws?ticket=${ticket}`);
    // Social's side exists before the client's upgrade completes (the gateway connects it first).
    const peer = social.peers[before];
    if (!peer) throw new Error('no upstream connection');
    return { client, peer, ticket };
  };

  /** The upgrade is refused with `status` and no connection ever reaches social. */
  const expectRefusedAtEdge = async (url: string, status: number, code: string) => {
    const before = social.upgrades();
    await expect(connectWebSocket(url)).rejects.toMatchObject({
      status,
      body: expect.stringContaining(code),
    });
    expect(social.upgrades()).toBe(before);
  };

  beforeAll(async () => {
    [others, social] = await Promise.all([startUpstream(), startWsUpstream()]);
    base = await startGateway();
  });

  afterAll(async () => {
    await Promise.all(gateways.map((app) => app.close()));
    await Promise.all([others?.close(), social?.close()]);
  });

  it('when the ticket is valid, then messages flow both ways and the ticket is never logged', async () => {
    const { client, peer, ticket } = await open();
    client.send(JSON.stringify({ type: 'ping' }));
    expect(await client.next()).toEqual({ type: 'pong' });
    // Social learns who connected from the gateway, not from the client's own headers.
    expect(peer.request.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(peer.request.url).toBe(`/ws?ticket=${ticket}`);
    client.close(1000);
    expect(await peer.closed).toBe(1000);
    const logs = logLines.join('');
    expect(logs).toContain('websocket opened');
    expect(logs).toContain('ticket=[REDACTED]');
    expect(logs).not.toContain(ticket.split('.')[2]);
  });

  it("when social pings, then the client's own pong comes back (the heartbeat spans the gateway)", async () => {
    const { client, peer } = await open();
    const clientPinged = new Promise<string>((resolve) =>
      client.once('ping', (data: Buffer) => resolve(data.toString())),
    );
    const socialPonged = new Promise<string>((resolve) =>
      peer.socket.once('pong', (data: Buffer) => resolve(data.toString())),
    );
    peer.socket.ping('hb-1');
    expect(await clientPinged).toBe('hb-1');
    expect(await socialPonged).toBe('hb-1');
    client.close();
  });

  it('when the ticket is missing, malformed, forged or expired, then 401 before any upstream connection', async () => {
    const url = `${base}/api/social/ws`;
    await expectRefusedAtEdge(url, 401, 'WS_TICKET_INVALID');
    await expectRefusedAtEdge(`${url}?ticket=abc`, 401, 'WS_TICKET_INVALID');
    await expectRefusedAtEdge(
      `${url}?ticket=${ticketFor(undefined, randomBytes(32).toString('hex'))}`,
      401,
      'WS_TICKET_INVALID',
    );
    await expectRefusedAtEdge(
      `${url}?ticket=${ticketFor(Math.floor(Date.now() / 1000) - 1)}`,
      401,
      'WS_TICKET_INVALID',
    );
  });

  it('when a ticket is used again, then social refuses it and the client gets that 401', async () => {
    const { client, ticket } = await open();
    await expect(connectWebSocket(`${base}/api/social/ws?ticket=${ticket}`)).rejects.toMatchObject({
      status: 401,
      body: expect.stringContaining('WS_TICKET_INVALID'),
    });
    client.close();
  });

  it("when the client's handshake headers are invalid, then 400 and no connection to social stays open", async () => {
    const { hostname, port } = new URL(base);
    /** Sends an upgrade request by hand; resolves with the answer's status line. */
    const upgradeWith = (headers: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect({ host: hostname, port: Number(port) });
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
        socket.on('close', () => resolve(answer.split('\r\n', 1)[0] ?? ''));
        socket.on('error', reject);
        socket.write(
          `GET /api/social/ws?ticket=${ticketFor()} HTTP/1.1\r\nHost: gateway\r\n` +
            `Connection: Upgrade\r\nUpgrade: websocket\r\n${headers}\r\n`,
        );
      });
    const key = `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n`;

    // A key or version ws would refuse: refused before social is asked (the ticket stays unspent).
    const before = social.upgrades();
    expect(await upgradeWith('Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n')).toMatch(
      / 400 /,
    );
    expect(await upgradeWith(`${key}Sec-WebSocket-Version: 99\r\n`)).toMatch(/ 400 /);
    expect(social.upgrades()).toBe(before);

    // One only ws itself refuses (a malformed subprotocol list) after social accepted: social's
    // side is closed, not left open.
    const peers = social.peers.length;
    expect(
      await upgradeWith(`${key}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: a b\r\n`),
    ).toMatch(/ 400 /);
    const peer = social.peers[peers];
    if (!peer) throw new Error('social was not connected');
    const closed = await Promise.race([
      peer.closed.then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 3_000)),
    ]);
    expect(closed).toBe('closed');
  });

  it('when another path asks for an upgrade, or /ws is fetched plainly, then 404 and 426', async () => {
    const before = social.upgrades();
    await expect(connectWebSocket(`${base}/api/social/other`)).rejects.toMatchObject({
      status: 404,
    });
    const plain = await fetch(
      `${base.replace('ws:', 'http:')}/api/social/ws?ticket=${ticketFor()}`,
    );
    expect(plain.status).toBe(426);
    expect(await plain.json()).toMatchObject({ code: 'UPGRADE_REQUIRED' });
    expect(social.upgrades()).toBe(before);
  });

  it('when either side closes with a code, then the other side sees the same code', async () => {
    const first = await open();
    const clientClosed = closeOf(first.client);
    first.client.send(JSON.stringify({ type: 'close', code: 4401 }));
    expect((await clientClosed).code).toBe(4401);

    const second = await open();
    second.client.close(4000, 'bye');
    expect(await second.peer.closed).toBe(4000);

    const third = await open();
    const policy = closeOf(third.client);
    third.peer.socket.close(1008, 'unknown message');
    expect(await policy).toEqual({ code: 1008, reason: 'unknown message' });
  });

  it('when a client sends more than WS_MAX_PAYLOAD_BYTES, then the gateway closes it 1009', async () => {
    const { client, peer } = await open();
    const closed = closeOf(client);
    client.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(PAYLOAD_CAP) }));
    expect((await closed).code).toBe(1009);
    // …and social hears the same code, without ever receiving the frame.
    expect(await peer.closed).toBe(1009);
  });

  it('when a client stops reading, then the gateway buffers at most its cap and closes it 1013', async () => {
    const { client, peer } = await open();
    client.pause();
    let socialClosed: number | undefined;
    void peer.closed.then((code) => (socialClosed = code));
    // 2 MiB a round until the loopback buffers are full and the gateway's 64 KiB cap is passed.
    for (let round = 0; round < 64 && socialClosed === undefined; round++) {
      client.send(JSON.stringify({ type: 'flood', count: 64 }));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await peer.closed).toBe(1001);
    const closed = closeOf(client);
    client.resume();
    expect((await closed).code).toBe(1013);
  });

  it('when a socket idles past the slow-client timeouts, then it stays open (they are for HTTP)', async () => {
    const strict = await startGateway({
      HEADERS_TIMEOUT_MS: '100',
      REQUEST_TIMEOUT_MS: '100',
      CONNECTION_TIMEOUT_MS: '100',
    });
    const client = await connectWebSocket(`${strict}/api/social/ws?ticket=${ticketFor()}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(client.readyState).toBe(WebSocket.OPEN);
    client.send(JSON.stringify({ type: 'ping' }));
    expect(await client.next()).toEqual({ type: 'pong' });
    client.close();
  });

  it('when the gateway has no WS_TICKET_SECRET, then every upgrade is refused 503 at the edge', async () => {
    const unconfigured = await startGateway({ WS_TICKET_SECRET: '' });
    const before = social.upgrades();
    await expect(
      connectWebSocket(`${unconfigured}/api/social/ws?ticket=${ticketFor()}`),
    ).rejects.toMatchObject({ status: 503, body: expect.stringContaining('WS_UNAVAILABLE') });
    expect(social.upgrades()).toBe(before);
  });

  it('when the upgrades of one client pass the rate limit, then 429 before any upstream connection', async () => {
    const limited = await startGateway({ RATE_LIMIT_MAX: '2', RATE_LIMIT_SYNC_EVERY: '1' });
    for (let i = 0; i < 2; i++) {
      const client = await connectWebSocket(`${limited}/api/social/ws?ticket=${ticketFor()}`);
      client.close();
    }
    const before = social.upgrades();
    await expect(
      connectWebSocket(`${limited}/api/social/ws?ticket=${ticketFor()}`),
    ).rejects.toMatchObject({
      status: 429,
      body: expect.stringContaining('RATE_LIMITED'),
    });
    expect(social.upgrades()).toBe(before);
  });
});
