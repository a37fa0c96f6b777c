// `schema.hide` below is @fastify/swagger's addition to FastifySchema.
import type {} from '@fastify/swagger';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { AppError, redactUrl } from '@kavosh/service-kit';
import type { GatewayConfig } from '../config.js';
import { forwardedHeaders } from './routes.js';
import { checkTicket, ticketOf, type TicketCheck } from './websocket-ticket.js';

/** The one public WebSocket route, and where social serves it. */
export const WS_PATH = '/api/social/ws';
const UPSTREAM_PATH = '/ws';

const kSocket = Symbol('upgrade socket');
const kHead = Symbol('upgrade head');
type UpgradeRequest = IncomingMessage & { [kSocket]?: Duplex; [kHead]?: Buffer };

// Close codes a peer may send (RFC 6455 §7.4): 1005 and 1006 only describe a close, 1015 too.
const sendable = (code: number) =>
  (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
  (code >= 3000 && code <= 4999);

// What ws closes a connection with when a received frame breaks the rules (its error codes).
const RECEIVER_ERRORS: Record<string, number> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_INVALID_UTF8: 1007,
};

const problem = (status: number, code: string, title: string, detail: string) =>
  new AppError({ status, code, title, detail });

const ticketRefused = (reason: Exclude<TicketCheck, 'valid'>) =>
  problem(
    401,
    'WS_TICKET_INVALID',
    'Invalid WebSocket ticket',
    reason === 'missing'
      ? 'Open the WebSocket with ?ticket= from POST /api/social/ws-ticket.'
      : 'The ticket is malformed, forged or expired; request a new one.',
  );

// What ws accepts as a Sec-WebSocket-Key: 16 bytes, base64.
const WS_KEY = /^[+/0-9A-Za-z]{22}==$/;

function handshakeValid(headers: FastifyRequest['headers']): boolean {
  const version = headers['sec-websocket-version'];
  const key = headers['sec-websocket-key'];
  return (
    headers.upgrade?.toLowerCase() === 'websocket' &&
    typeof key === 'string' &&
    WS_KEY.test(key) &&
    (version === '13' || version === '8')
  );
}

type Opened = { ws: WebSocket } | { refused: { status: number; type: string; body: Buffer } };

/** Connects to social first, so the client's upgrade can carry social's own refusal. */
function openUpstream(url: string, request: FastifyRequest, config: GatewayConfig) {
  return new Promise<Opened>((resolve, reject) => {
    const headers = forwardedHeaders(request, {});
    for (const name of ['traceparent', 'user-agent', 'origin'] as const) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const ws = new WebSocket(url, {
      headers: headers as Record<string, string>,
      handshakeTimeout: config.UPSTREAM_TIMEOUT_MS,
      // Frames are relayed, not answered: the heartbeat runs between social and the client.
      autoPong: false,
      maxPayload: config.WS_MAX_BUFFERED_BYTES,
      perMessageDeflate: false,
    });
    // Social speaks first (its `ready` frame may ride with the 101): hold its frames until the
    // client side is linked, or they would be emitted with no listener and lost.
    ws.once('open', () => {
      ws.pause();
      resolve({ ws });
    });
    ws.once('unexpected-response', (req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.length < 16 && chunks.push(chunk));
      res.on('end', () => {
        resolve({
          refused: {
            status: res.statusCode ?? 502,
            type: String(res.headers['content-type'] ?? 'application/problem+json'),
            body: Buffer.concat(chunks),
          },
        });
        // With this listener ws leaves the refused request to us.
        req.destroy();
      });
      res.on('error', reject);
    });
    // `on`, not `once`: a later error (after settling) must not be an unhandled 'error' event.
    ws.on('error', reject);
  });
}

/**
 * Relays frames both ways, pings and pongs included, and each side's close code to the other.
 * Memory stays bounded: a client that reads slower than social pushes is closed 1013 once
 * WS_MAX_BUFFERED_BYTES wait for it; a client that writes faster than social reads is paused.
 */
function link(
  client: WebSocket,
  upstream: WebSocket,
  maxBuffered: number,
  onEnd: (code: number) => void,
): void {
  const closeWith = (ws: WebSocket, code: number, reason: Buffer, lost: number) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (sendable(code)) ws.close(code, reason);
    else if (code === 1005) ws.close();
    else ws.close(lost, 'peer connection lost');
  };
  upstream.on('message', (data: RawData, isBinary: boolean) => {
    if (client.readyState !== WebSocket.OPEN) return;
    if (client.bufferedAmount > maxBuffered) {
      client.close(1013, 'slow consumer');
      upstream.close(1001, 'client too slow');
      return;
    }
    client.send(data, { binary: isBinary });
  });
  client.on('message', (data: RawData, isBinary: boolean) => {
    if (upstream.readyState !== WebSocket.OPEN) return;
    upstream.send(data, { binary: isBinary }, () => {
      if (client.isPaused && upstream.bufferedAmount <= maxBuffered / 2) client.resume();
    });
    if (upstream.bufferedAmount > maxBuffered) client.pause();
  });
  upstream.on('ping', (data) => client.readyState === WebSocket.OPEN && client.ping(data));
  upstream.on('pong', (data) => client.readyState === WebSocket.OPEN && client.pong(data));
  client.on('ping', (data) => upstream.readyState === WebSocket.OPEN && upstream.ping(data));
  client.on('pong', (data) => upstream.readyState === WebSocket.OPEN && upstream.pong(data));
  // A frame the gateway refused (too big: 1009, not valid UTF-8: 1007 …) ends the client's side
  // without a close frame from it; social hears the code the gateway sent.
  let refusedWith: number | undefined;
  client.on('error', (err) => {
    refusedWith = RECEIVER_ERRORS[(err as Error & { code?: string }).code ?? ''];
  });
  client.on('close', (code, reason) => {
    closeWith(upstream, refusedWith ?? code, reason, 1001);
    onEnd(refusedWith ?? code);
  });
  upstream.on('close', (code, reason) => {
    // A paused client would never read the close handshake's answer.
    client.resume();
    closeWith(client, code, reason, 1011);
  });
  // An error is followed by 'close', which closes the other side.
  upstream.on('error', () => undefined);
  upstream.resume();
}

/**
 * GET /api/social/ws: upgrade requests go through the app's routing (so authentication context,
 * rate limits and the policy table run as for any request), then a ticket check: no, malformed,
 * forged or expired tickets are answered 401 here, before any connection to social. Then social
 * is connected; its refusal (a used ticket: 401) is passed on as the client's answer, its
 * acceptance completes the client's upgrade. docs/gateway.md says why this and not
 * @fastify/http-proxy's `websocket: true`.
 */
export function websocketProxy(app: FastifyInstance, config: GatewayConfig): void {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.WS_MAX_PAYLOAD_BYTES,
    autoPong: false,
    perMessageDeflate: false,
  });
  const upstreamBase = `${config.SOCIAL_URL.replace(/^http/, 'ws').replace(/\/$/, '')}${UPSTREAM_PATH}`;
  const open = new Set<WebSocket>();
  const connections = new Gauge({
    name: 'gateway_ws_connections',
    help: 'WebSocket connections relayed to social right now',
    registers: [app.metrics],
  });
  const refused = new Counter({
    name: 'gateway_ws_upgrades_refused_total',
    help: 'WebSocket upgrades the gateway refused before connecting to social, by reason',
    labelNames: ['reason'],
    registers: [app.metrics],
  });

  app.server.on('upgrade', (raw: UpgradeRequest, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (raw.url ?? '').split('?', 1)[0];
    if (path !== WS_PATH && path !== `${WS_PATH}/`) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    raw[kSocket] = socket;
    raw[kHead] = head;
    // A ServerResponse on the raw socket: answers before the upgrade are plain HTTP.
    const res = new ServerResponse(raw);
    res.assignSocket(socket as never);
    res.on('finish', () => socket.destroy());
    app.routing(raw, res);
  });

  app.route({
    method: 'GET',
    url: WS_PATH,
    // Social describes this route (GET /ws) in its own document; the merged one lists it there.
    schema: { hide: true },
    handler: async (request, reply) => {
      const raw = request.raw as UpgradeRequest;
      const socket = raw[kSocket];
      if (!socket) {
        throw problem(426, 'UPGRADE_REQUIRED', 'Upgrade required', 'Open it as a WebSocket.');
      }
      const check =
        config.WS_TICKET_SECRET === undefined
          ? 'unconfigured'
          : checkTicket(ticketOf(request.url), config.WS_TICKET_SECRET);
      if (check === 'unconfigured') {
        refused.labels('unconfigured').inc();
        throw problem(503, 'WS_UNAVAILABLE', 'WebSocket unavailable', 'WS_TICKET_SECRET is unset.');
      }
      if (check !== 'valid') {
        refused.labels(check).inc();
        throw ticketRefused(check);
      }
      // The checks ws makes before it completes an upgrade: one it would refuse must not cost a
      // connection to social (nor spend the ticket there).
      if (!handshakeValid(request.headers)) {
        refused.labels('handshake').inc();
        throw problem(
          400,
          'WS_HANDSHAKE_INVALID',
          'Invalid WebSocket handshake',
          'Upgrade: websocket, a valid Sec-WebSocket-Key and Sec-WebSocket-Version 13 are required.',
        );
      }
      const queryAt = request.url.indexOf('?');
      let opened: Opened;
      try {
        opened = await openUpstream(
          `${upstreamBase}${request.url.slice(queryAt)}`,
          request,
          config,
        );
      } catch (err) {
        const timedOut = err instanceof Error && /timed? ?out/i.test(err.message);
        request.log.warn({ err }, 'websocket upstream failed');
        throw timedOut
          ? problem(504, 'UPSTREAM_TIMEOUT', 'Upstream timeout', 'Social did not answer in time.')
          : problem(502, 'UPSTREAM_UNAVAILABLE', 'Upstream unavailable', 'Retry later.');
      }
      if ('refused' in opened) {
        const { status, type, body } = opened.refused;
        return reply.code(status).type(type).send(body);
      }
      const upstream = opened.ws;
      // The client may have gone while social was being connected.
      if (socket.destroyed) {
        upstream.terminate();
        return reply.hijack();
      }
      reply.hijack();
      const started = performance.now();
      const url = redactUrl(request.url);
      let upgraded = false;
      wss.handleUpgrade(raw, socket, raw[kHead] ?? Buffer.alloc(0), (client) => {
        upgraded = true;
        open.add(client);
        connections.inc();
        request.log.info(
          { method: 'GET', route: WS_PATH, url, status_code: 101 },
          'websocket opened',
        );
        link(client, upstream, config.WS_MAX_BUFFERED_BYTES, (code) => {
          open.delete(client);
          connections.dec();
          const duration_ms = Math.round(performance.now() - started);
          request.log.info(
            { route: WS_PATH, url, close_code: code, duration_ms },
            'websocket closed',
          );
        });
      });
      // ws completes an upgrade synchronously; it did not (it answered the client 400 itself, or
      // the client had gone): social's side must not stay open, unused.
      if (!upgraded) {
        request.log.info(
          { route: WS_PATH, url },
          'websocket upgrade refused after social accepted',
        );
        upstream.terminate();
      }
    },
  });

  // Clients hear 1001 (going away) at shutdown and reconnect to another replica.
  app.addHook('preClose', async () => {
    for (const client of open) client.close(1001, 'gateway shutting down');
    wss.close();
  });
}
