import net from 'node:net';
import type { Socket } from 'node:net';

const DEFAULT_PORTS: Record<string, number> = {
  'mysql:': 3306,
  'mariadb:': 3306,
  'redis:': 6379,
  'amqp:': 5672,
};

type Mode = 'pass' | 'cut' | 'blackhole';

/**
 * A TCP proxy on 127.0.0.1 in front of a real service, to test outages: cut (connections reset,
 * new ones refused), blackhole (connections hang) and latency.
 */
export class TcpProxy {
  readonly host = '127.0.0.1';
  #port = 0;
  #mode: Mode = 'pass';
  #latencyMs = 0;
  readonly #pairs = new Set<{ client: Socket; upstream: Socket }>();
  readonly #server: net.Server;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.#server = net.createServer((client) => this.#accept(client));
    // A failed re-listen after restore() shows up as refused connections in the test using the proxy.
    this.#server.on('error', (err) => {
      this.#listenError = err;
    });
  }

  #listenError: Error | undefined;

  /** Set when re-listening on the same port after cut() failed (e.g. another process took it). */
  get listenError(): Error | undefined {
    return this.#listenError;
  }

  /** Starts a proxy on a free port of 127.0.0.1 forwarding to target ("host:port" or a URL). */
  static async start(opts: { target: string }): Promise<TcpProxy> {
    const { host, port } = parseTarget(opts.target);
    const proxy = new TcpProxy(host, port);
    await proxy.#listen(0);
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  /** Live client connections through the proxy. */
  get connections(): number {
    return this.#pairs.size;
  }

  /** The same URL with its host:port replaced by the proxy's. */
  rewrite(url: string): string {
    const u = new URL(url);
    u.hostname = this.host;
    u.port = String(this.#port);
    return u.toString();
  }

  /** Destroys live connections and refuses new ones until restore(). */
  cut(): void {
    this.#mode = 'cut';
    // Closing the listener makes new connections fail with ECONNREFUSED, like a stopped server.
    if (this.#server.listening) this.#server.close();
    for (const pair of this.#pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
  }

  /** Keeps accepting and holding connections but drops every byte both ways until restore(). */
  blackhole(): void {
    this.#mode = 'blackhole';
  }

  /** Adds this delay to every chunk, both ways. */
  setLatencyMs(ms: number): void {
    this.#latencyMs = Math.max(0, ms);
  }

  /** Back to a transparent proxy (latency is kept; set it to 0 separately). */
  restore(): void {
    const wasCut = this.#mode === 'cut';
    this.#mode = 'pass';
    if (wasCut && !this.#server.listening) {
      this.#server.listen(this.#port, this.host);
    }
  }

  async close(): Promise<void> {
    this.#mode = 'cut';
    for (const pair of this.#pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    if (this.#server.listening)
      await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, this.host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address();
    if (address === null || typeof address === 'string')
      throw new Error('proxy has no TCP address');
    this.#port = address.port;
  }

  #accept(client: Socket): void {
    if (this.#mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: this.targetHost, port: this.targetPort });
    const pair = { client, upstream };
    this.#pairs.add(pair);
    const end = () => {
      this.#pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.#forward(client, upstream);
    this.#forward(upstream, client);
  }

  #forward(from: Socket, to: Socket): void {
    let lastDeliveryAt = 0;
    from.on('data', (chunk: Buffer) => {
      if (this.#mode !== 'pass') return;
      if (this.#latencyMs === 0 && lastDeliveryAt <= Date.now()) {
        if (!to.write(chunk)) {
          from.pause();
          to.once('drain', () => from.resume());
        }
        return;
      }
      // Deliver in order even when the latency changes between chunks.
      lastDeliveryAt = Math.max(Date.now() + this.#latencyMs, lastDeliveryAt);
      setTimeout(() => {
        if (this.#mode === 'pass' && !to.destroyed) to.write(chunk);
      }, lastDeliveryAt - Date.now());
    });
  }
}

function parseTarget(target: string): { host: string; port: number } {
  if (target.includes('://')) {
    const u = new URL(target);
    const port = u.port ? Number(u.port) : DEFAULT_PORTS[u.protocol];
    if (port === undefined) throw new Error(`no port in proxy target ${target}`);
    return { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  }
  const i = target.lastIndexOf(':');
  const port = Number(target.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port) || port <= 0)
    throw new Error(`proxy target must be host:port or a URL: ${target}`);
  return { host: target.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port };
}
