import { Agent, createServer, request, type Server } from 'node:http';
import {
  connect,
  createServer as createNetServer,
  type Server as NetServer,
  type Socket,
} from 'node:net';

export interface Backend {
  name: string;
  port: number;
}

/**
 * A round-robin HTTP load balancer with readiness semantics, standing in for ingress-nginx in
 * front of the gateway pods: it sends each request to one of the backends whose GET /health/ready
 * answered 200 at the last probe (as the endpoints of a Service list only ready pods), keeps
 * connections to them alive (an agent per backend, which honours `Connection: close`), and never
 * retries: a request a backend fails is answered 502 and counted, so the test sees every failure.
 */
export class ReadinessLoadBalancer {
  /** Requests each backend answered, by name. */
  readonly served = new Map<string, number>();
  /** Requests that failed between the balancer and a backend (or found no ready backend). */
  readonly failures: string[] = [];
  private readonly ready = new Set<string>();
  private readonly agents = new Map<string, Agent>();
  private readonly server: Server;
  private probing = true;
  private probes: Promise<void>[] = [];
  private next = 0;

  constructor(
    private readonly backends: readonly Backend[],
    private readonly probeIntervalMs = 100,
  ) {
    for (const b of backends) {
      this.agents.set(b.name, new Agent({ keepAlive: true, maxSockets: 64 }));
      this.served.set(b.name, 0);
    }
    this.server = createServer((req, res) => {
      const backend = this.pick();
      if (!backend) {
        this.failures.push(`${req.method} ${req.url}: no ready backend`);
        res.writeHead(503).end();
        return;
      }
      const upstream = request(
        {
          host: '127.0.0.1',
          port: backend.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent: this.agents.get(backend.name),
        },
        (answer) => {
          this.served.set(backend.name, (this.served.get(backend.name) ?? 0) + 1);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        this.failures.push(`${req.method} ${req.url} → ${backend.name}: ${err.message}`);
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    });
    // The client side stays kept alive, whatever happens to the backends behind it.
    this.server.keepAliveTimeout = 60_000;
  }

  /** Listens on an ephemeral loopback port and starts probing; resolves to the port. */
  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.probes = this.backends.map((b) =>
      probeLoop(b, this.probeIntervalMs, () => this.probing, this.ready),
    );
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  isReady(name: string): boolean {
    return this.ready.has(name);
  }

  async stop(): Promise<void> {
    this.probing = false;
    await Promise.all(this.probes);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const agent of this.agents.values()) agent.destroy();
  }

  private pick(): Backend | undefined {
    const candidates = this.backends.filter((b) => this.ready.has(b.name));
    if (candidates.length === 0) return undefined;
    this.next = (this.next + 1) % candidates.length;
    return candidates[this.next];
  }
}

/**
 * A round-robin TCP balancer with readiness semantics, standing in for kube-proxy in front of a
 * Service's pods: each new connection goes to a backend whose /health/ready answered 200 at the
 * last probe; a connection, once made, stays with its backend until one side closes it.
 */
export class ReadinessTcpBalancer {
  /** Connections each backend was given, by name. */
  readonly connections = new Map<string, number>();
  /** Connections that found no ready backend or failed to reach one. */
  readonly failures: string[] = [];
  private readonly ready = new Set<string>();
  private readonly sockets = new Set<Socket>();
  private readonly server: NetServer;
  private probing = true;
  private probes: Promise<void>[] = [];
  private next = 0;

  constructor(
    private readonly backends: readonly Backend[],
    private readonly probeIntervalMs = 100,
  ) {
    for (const b of backends) this.connections.set(b.name, 0);
    this.server = createNetServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      const candidates = this.backends.filter((b) => this.ready.has(b.name));
      if (candidates.length === 0) {
        this.failures.push('no ready backend');
        client.destroy();
        return;
      }
      this.next = (this.next + 1) % candidates.length;
      const backend = candidates[this.next] ?? candidates[0];
      if (!backend) return;
      this.connections.set(backend.name, (this.connections.get(backend.name) ?? 0) + 1);
      const upstream = connect(backend.port, '127.0.0.1');
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', (err) => {
        this.failures.push(`→ ${backend.name}: ${err.message}`);
        client.destroy();
      });
      client.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.probes = this.backends.map((b) =>
      probeLoop(b, this.probeIntervalMs, () => this.probing, this.ready),
    );
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  isReady(name: string): boolean {
    return this.ready.has(name);
  }

  async stop(): Promise<void> {
    this.probing = false;
    await Promise.all(this.probes);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** One probe at a time (period intervalMs, 1 s timeout, threshold 1), updating `ready`. */
async function probeLoop(
  backend: Backend,
  intervalMs: number,
  running: () => boolean,
  ready: Set<string>,
): Promise<void> {
  while (running()) {
    let ok = false;
    try {
      const res = await fetch(`http://127.0.0.1:${backend.port}/health/ready`, {
        signal: AbortSignal.timeout(1_000),
      });
      await res.body?.cancel();
      ok = res.status === 200;
    } catch {
      ok = false;
    }
    if (ok) ready.add(backend.name);
    else ready.delete(backend.name);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
