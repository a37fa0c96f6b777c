// Child process of bench/social.ts: the floor a live-delivery server is compared with. A plain
// `ws` server that relays every Redis message on `<BENCH_CHANNEL_PREFIX><key>` to its sockets
// connected with `?key=<key>`: no tickets, frames, protocol or backpressure.
import { Redis } from 'ioredis';
import { WebSocketServer, type WebSocket } from 'ws';

const prefix = process.env.BENCH_CHANNEL_PREFIX ?? 'bench-bare:';
const subscriber = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const members = new Map<string, Set<WebSocket>>();

subscriber.on('pmessage', (_pattern: string, channel: string, payload: string) => {
  for (const ws of members.get(channel.slice(prefix.length)) ?? []) ws.send(payload);
});
await subscriber.psubscribe(`${prefix}*`);

const server = new WebSocketServer({ port: Number(process.env.PORT), host: '127.0.0.1' });
server.on('connection', (ws, req) => {
  const key = new URL(req.url ?? '/', 'http://bench').searchParams.get('key') ?? '';
  let sockets = members.get(key);
  if (!sockets) {
    sockets = new Set();
    members.set(key, sockets);
  }
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
  ws.send('{"type":"ready"}');
});
server.once('listening', () => process.send?.('ready'));
process.on('SIGTERM', () => {
  server.close();
  subscriber.disconnect();
  process.exit(0);
});
