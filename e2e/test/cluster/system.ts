import {
  createTestDatabase,
  eventually,
  freePort,
  getInfra,
  startPaymentSandbox,
  uniquePrefix,
  type PaymentSandbox,
  type TestDatabase,
} from '@kavosh/testing';
import { createBrokerVhost, type BrokerVhost } from '../journey/broker-vhost.js';
import { startProcess, stopProcess, type RunningProcess } from '../processes.js';
import { ownEnv, SERVICES, type ServiceName } from '../service-env.js';
import { startNginx, type RunningNginx } from './nginx.js';
import type { Listener } from './load-balancer-config.js';

export const REPLICAS = 2;
/** Ten processes from source on a loaded 2-core machine; the test's hook allows a little more. */
export const READY_WITHIN_MS = 240_000;

/** One replica: a process of the cluster, with the address nginx knows it by. */
export interface Replica extends RunningProcess {
  /** `auth-1`, `gateway-2` … */
  instance: string;
  /** host:port, as nginx writes it in $upstream_addr. */
  address: string;
}

export interface RunningCluster {
  /** The public entry: nginx in front of the gateway replicas. */
  url: string;
  gateways: Replica[];
  services: Record<ServiceName, Replica[]>;
  nginx: RunningNginx;
  /** The instance behind an address of an access line (`127.0.0.1:41234` → `social-2`). */
  instanceAt(address: string): string;
  /** The last lines of every process, for a failure message. */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * What npm run start:cluster runs, from source on fresh schemas: REPLICAS of each service and of
 * the gateway, nginx with the cluster's configuration in front of each group (the gateways reach
 * each service through its nginx listener), all started at once. Resolves when every replica is
 * ready and a request through nginx reaches a gateway whose upstreams all answer.
 */
export async function startCluster(label: string): Promise<RunningCluster> {
  const infra = await getInfra();
  const cleanups: (() => Promise<unknown>)[] = [];
  const replicas: Replica[] = [];
  try {
    const [vhost, databases, lbPort] = await Promise.all([
      createBrokerVhost(infra.amqpUrl, label).then((v: BrokerVhost) => {
        cleanups.push(() => v.drop());
        return v;
      }),
      Promise.all(
        SERVICES.map(async (name) => {
          const db = await createTestDatabase({ label: `${label}-${name}` });
          cleanups.push(() => db.drop());
          return [name, db] as const;
        }),
      ).then((entries) => new Map<ServiceName, TestDatabase>(entries)),
      freePort(),
    ]);
    const sandbox: PaymentSandbox = await startPaymentSandbox({
      webhookUrl: `http://127.0.0.1:${lbPort}/api/billing/webhooks/provider`,
    });
    cleanups.push(() => sandbox.stop());

    const port = async () => String(await freePort());
    const listenerPorts = new Map<ServiceName, string>();
    for (const name of SERVICES) listenerPorts.set(name, await port());
    const lbUrlOf = (name: ServiceName) => `http://127.0.0.1:${listenerPorts.get(name) ?? ''}`;
    const jwksUrl = `${lbUrlOf('auth')}/.well-known/jwks.json`;
    // One set of secrets for all replicas of a service: they are one service.
    const own = ownEnv();
    const providerEnv: Record<ServiceName, Record<string, string>> = {
      auth: {},
      catalog: {},
      social: {},
      billing: {
        STRIPE_HOST: sandbox.host,
        STRIPE_PORT: String(sandbox.port),
        STRIPE_PROTOCOL: 'http',
        STRIPE_SECRET_KEY: sandbox.apiKey,
        STRIPE_WEBHOOK_SECRET: sandbox.webhookSecret ?? '',
      },
    };
    const plans: { instance: string; entry: string; env: Record<string, string> }[] = [];
    for (const name of SERVICES) {
      for (let i = 1; i <= REPLICAS; i++) {
        plans.push({
          instance: `${name}-${i}`,
          entry: `services/${name}/src/main.ts`,
          env: {
            PORT: await port(),
            HOST: '127.0.0.1',
            LOG_LEVEL: 'warn',
            DATABASE_URL: withPool(databases.get(name)?.url ?? ''),
            AMQP_URL: vhost.amqpUrl,
            REDIS_URL: infra.redisUrl,
            AUTH_JWKS_URL: jwksUrl,
            ...own[name],
            ...providerEnv[name],
            // Seeding an empty plan table is a one-time job: the first replica does it.
            ...(name === 'billing' && i > 1 ? { SEED_DEFAULT_PLANS: 'false' } : {}),
          },
        });
      }
    }
    const gatewayPrefix = `${uniquePrefix(label)}:`;
    for (let i = 1; i <= REPLICAS; i++) {
      plans.push({
        instance: `gateway-${i}`,
        entry: 'gateway/src/main.ts',
        env: {
          PORT: await port(),
          METRICS_PORT: await port(),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          REDIS_URL: infra.redisUrl,
          // Shared by the replicas: a limit holds across them, as in production.
          REDIS_KEY_PREFIX: gatewayPrefix,
          AUTH_JWKS_URL: jwksUrl,
          WS_TICKET_SECRET: own.social.WS_TICKET_SECRET,
          AUTH_URL: lbUrlOf('auth'),
          CATALOG_URL: lbUrlOf('catalog'),
          BILLING_URL: lbUrlOf('billing'),
          SOCIAL_URL: lbUrlOf('social'),
          // nginx is the one proxy hop in front: the client's address is in X-Forwarded-For.
          TRUSTED_PROXY_HOPS: '1',
          // One client address drives the whole test: the limits are not its subject.
          RATE_LIMIT_MAX: '1000000000',
          RATE_LIMIT_AUTH_MAX: '100000',
        },
      });
    }

    const listeners: Listener[] = [
      {
        name: 'gateway',
        listen: `127.0.0.1:${lbPort}`,
        backends: plans
          .filter((p) => p.instance.startsWith('gateway-'))
          .map((p) => ({ instance: p.instance, address: `127.0.0.1:${p.env.PORT}` })),
        websocketPath: '/api/social/ws',
      },
      ...SERVICES.map((name): Listener => ({
        name,
        listen: `127.0.0.1:${listenerPorts.get(name) ?? ''}`,
        backends: plans
          .filter((p) => p.instance.startsWith(`${name}-`))
          .map((p) => ({ instance: p.instance, address: `127.0.0.1:${p.env.PORT}` })),
        ...(name === 'social' ? { websocketPath: '/ws' } : {}),
      })),
    ];
    const nginx = await startNginx(listeners);
    cleanups.push(() => nginx.stop());

    for (const plan of plans) {
      const proc = startProcess(plan.instance, plan.entry, plan.env);
      replicas.push({ ...proc, instance: plan.instance, address: `127.0.0.1:${plan.env.PORT}` });
    }
    const logs = () =>
      replicas.map((r) => `--- ${r.instance}\n${r.output().slice(-1_500)}`).join('\n');
    const url = `http://127.0.0.1:${lbPort}`;
    const gateways = replicas.filter((r) => r.instance.startsWith('gateway-'));
    await eventually(
      async () => {
        for (const r of replicas) {
          if (r.child.exitCode !== null) throw new Error(`${r.instance} exited`);
          const res = await fetch(`${r.url}/health/ready`).catch(() => undefined);
          expect200(res?.status, r.instance);
        }
        for (const g of gateways) {
          const deps = await fetch(`${g.url}/health/dependencies`);
          const { down } = (await deps.json()) as { down: string[] };
          if (down.length > 0) throw new Error(`${g.instance}: ${down.join(', ')} down`);
        }
        expect200((await fetch(`${url}/health/ready`)).status, 'nginx');
      },
      { within: READY_WITHIN_MS, interval: 500 },
    ).catch(async (err: unknown) => {
      throw new Error(`the cluster did not become ready:\n${logs()}\n${await nginx.errorLog()}`, {
        cause: err,
      });
    });

    const byAddress = new Map(replicas.map((r) => [r.address, r.instance]));
    return {
      url,
      gateways,
      services: Object.fromEntries(
        SERVICES.map((name) => [name, replicas.filter((r) => r.instance.startsWith(`${name}-`))]),
      ) as Record<ServiceName, Replica[]>,
      nginx,
      instanceAt: (address) => byAddress.get(address) ?? `unknown ${address}`,
      logs,
      stop: async () => {
        await Promise.all(replicas.map((r) => stopProcess(r)));
        for (const cleanup of cleanups.reverse()) await cleanup();
      },
    };
  } catch (err) {
    await Promise.all(replicas.map((r) => stopProcess(r)));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    throw err;
  }
}

/**
 * Eight service processes with the default pool of 10 would hold 80 of the test server's
 * connections (MariaDB's default max_connections is 151, shared with the other test files).
 */
function withPool(url: string): string {
  const u = new URL(url);
  u.searchParams.set('connection_limit', '4');
  return u.toString();
}

function expect200(status: number | undefined, who: string): void {
  if (status !== 200) throw new Error(`${who}: /health/ready answered ${status ?? 'nothing'}`);
}
