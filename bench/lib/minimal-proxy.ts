// Child process of bench/gateway.ts, variant M: the least a Node proxy can do per request, as a
// floor for the gateway's figures: node:http in front of an undici Pool, headers passed through
// (hop-by-hop ones aside), no routing, checks, logs or metrics. Not a usable proxy.
import { createServer } from 'node:http';
import { Pool } from 'undici';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host']);
const pool = new Pool(process.env.UPSTREAM_URL ?? '', { connections: 64 });

const server = createServer((req, res) => {
  const headers: Record<string, string | string[] | undefined> = {};
  for (const name in req.headers) if (!HOP_BY_HOP.has(name)) headers[name] = req.headers[name];
  pool.dispatch(
    { path: req.url ?? '/', method: 'GET', headers },
    {
      onConnect: () => undefined,
      onHeaders(status, raw) {
        const out: string[] = [];
        for (let i = 0; i < raw.length; i += 2) {
          const name = String(raw[i]);
          if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, String(raw[i + 1]));
        }
        res.writeHead(status, out);
        return true;
      },
      onData: (chunk) => res.write(chunk) || true,
      onComplete: () => void res.end(),
      onError: () => void res.destroy(),
    },
  );
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => {
  server.close();
  void pool.close().then(() => process.exit(0));
});
