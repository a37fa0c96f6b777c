import autocannon, { type Result } from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, getInfra, uniquePrefix } from '@kavosh/testing';
import { ReadinessTcpBalancer } from './load-balancer.js';
import { startProcess, stopProcess, type RunningProcess } from './processes.js';

// The other half of a rolling update: the gateway reaches a service through its ClusterIP
// Service, which kube-proxy balances per connection, and the gateway's pool keeps those
// connections alive. Two replicas of a kit service (e2e/test/fixtures/kit-upstream.ts: the same
// readiness, drain and shutdown as the four services) behind a TCP balancer that, like
// kube-proxy, sends new connections to ready replicas only, are restarted one at a time while
// autocannon drives the gateway: no request may fail. (When the kit added `Connection: close`
// only once close() began, the gateway answered a few 502s here: see docs/deploy.md.)

const REPLICAS = ['upstream-1', 'upstream-2'] as const;
const DRAIN_MS = 1_500;

describe('rolling restart of a service behind the gateway, under load', () => {
  let balancer: ReadinessTcpBalancer;
  let gateway: RunningProcess;
  const ports = new Map<string, number>();
  const replicas = new Map<string, RunningProcess>();

  const startReplica = (name: string): RunningProcess => {
    const proc = startProcess(name, 'e2e/test/fixtures/kit-upstream.ts', {
      PORT: String(ports.get(name)),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
    replicas.set(name, proc);
    return proc;
  };

  const logs = () =>
    [gateway, ...replicas.values()]
      .filter((p): p is RunningProcess => p !== undefined)
      .map((p) => `--- ${p.name}\n${p.output().slice(-2_000)}`)
      .join('\n');

  beforeAll(async () => {
    const infra = await getInfra();
    for (const name of REPLICAS) {
      ports.set(name, await freePort());
      startReplica(name);
    }
    balancer = new ReadinessTcpBalancer(
      REPLICAS.map((name) => ({ name, port: ports.get(name) ?? 0 })),
    );
    const service = `http://127.0.0.1:${await balancer.start()}`;
    gateway = startProcess('gateway', 'gateway/src/main.ts', {
      PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REDIS_URL: infra.redisUrl,
      REDIS_KEY_PREFIX: `${uniquePrefix('zero-downtime-upstream')}:`,
      AUTH_URL: service,
      CATALOG_URL: service,
      BILLING_URL: service,
      SOCIAL_URL: service,
      AUTH_JWKS_URL: `${service}/.well-known/jwks.json`,
      RATE_LIMIT_MAX: '1000000000',
    });
    // Readiness says only that the gateway can serve: the upstream behind the balancer is up
    // once the gateway's dependency report has nothing down.
    await eventually(
      async () => {
        const res = await fetch(`${gateway.url}/health/ready`);
        expect(res.status, await res.text()).toBe(200);
        const deps = await fetch(`${gateway.url}/health/dependencies`);
        expect(await deps.json()).toMatchObject({ down: [] });
      },
      { within: 60_000, interval: 200 },
    ).catch((err: unknown) => {
      throw new Error(`the system did not become ready:\n${logs()}`, { cause: err });
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([gateway, ...replicas.values()].map((p) => p && stopProcess(p)));
    await balancer?.stop();
  });

  it('answers every request while each service replica in turn drains, exits and comes back', async () => {
    let finish: (result: Result) => void = () => {};
    const done = new Promise<Result>((resolve) => (finish = resolve));
    const load = autocannon(
      { url: `${gateway.url}/api/catalog/movies`, connections: 8, duration: 300, timeout: 10 },
      (err, result) => {
        if (err) throw err;
        finish(result);
      },
    );
    let result: Result;
    try {
      await eventually(
        () => {
          for (const name of REPLICAS) expect(balancer.connections.get(name)).toBeGreaterThan(0);
        },
        { within: 20_000, interval: 100 },
      );
      for (const name of REPLICAS) {
        const old = replicas.get(name);
        if (!old) throw new Error(`no ${name}`);
        const before = balancer.connections.get(name) ?? 0;
        expect(await stopProcess(old), `${name} exit code\n${old.output()}`).toBe(0);
        const fresh = startReplica(name);
        expect(fresh.child.pid).not.toBe(old.child.pid);
        await eventually(() => expect(balancer.isReady(name)).toBe(true), {
          within: 60_000,
          interval: 100,
        }).catch((err: unknown) => {
          throw new Error(`${name} did not come back:\n${logs()}`, { cause: err });
        });
        // Let traffic run on the restored pair before the next replica goes.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(balancer.connections.get(name)).toBeGreaterThanOrEqual(before);
      }
      // The gateway's connections left the second replica while it drained, for the first one
      // (restarted by then): it reached both new processes.
      await eventually(
        () => {
          for (const name of REPLICAS) expect(balancer.connections.get(name)).toBeGreaterThan(0);
        },
        { within: 10_000, interval: 100 },
      );
    } finally {
      load.stop();
      result = await done;
    }
    expect(balancer.failures).toEqual([]);
    expect({
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      statusCodes: Object.keys(result.statusCodeStats),
    }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, statusCodes: ['200'] });
    expect(result.requests.total).toBeGreaterThan(500);
  }, 150_000);
});
