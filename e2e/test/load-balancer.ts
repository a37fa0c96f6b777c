import { Agent, createServer, request, type Server } from 'node:http';

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
    this.probes = this.backends.map((b) => this.probeLoop(b));
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

  /** One probe at a time per backend (period probeIntervalMs, 1 s timeout, threshold 1). */
  private async probeLoop(backend: Backend): Promise<void> {
    while (this.probing) {
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
      if (ok) this.ready.add(backend.name);
      else this.ready.delete(backend.name);
      await new Promise((resolve) => setTimeout(resolve, this.probeIntervalMs));
    }
  }
}
