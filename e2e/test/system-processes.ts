import {
  createTestDatabase,
  freePort,
  getInfra,
  startPaymentSandbox,
  uniquePrefix,
  type PaymentSandbox,
  type TestDatabase,
} from '@kavosh/testing';
import { createBrokerVhost } from './journey/broker-vhost.js';
import { startProcess, stopProcess, type RunningProcess } from './processes.js';
import { ownEnv, SERVICES, type ServiceName } from './service-env.js';

export interface RunningSystem {
  /** The four services, then the gateway (last). */
  processes: RunningProcess[];
  databases: TestDatabase[];
  gateway: RunningProcess;
  /** Where the gateway serves /metrics (its METRICS_PORT; its public port answers 404 there). */
  gatewayMetricsUrl: string;
  /** Each service's own base URL (not through the gateway). */
  urls: Record<ServiceName, string>;
  /** Auth's private signing keys (JWT_PRIVATE_JWKS): a test can sign access tokens as auth does. */
  signingKeys: string;
  /**
   * The payment provider billing talks to (infra/payment-sandbox): its webhooks reach billing
   * through the gateway, as Stripe's reach the public edge.
   */
  paymentSandbox: PaymentSandbox;
  /**
   * Stops one process (SIGTERM with its grace period, or SIGKILL) and starts it again with the
   * same environment; `processes` and `gateway` then name the new child.
   */
  restart(name: string, opts?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<RunningProcess>;
  /** The vhost this system created for itself (undefined when `amqpUrl` was given). */
  vhost?: string;
  /** Stops every process (SIGTERM) and drops the databases. */
  stop(): Promise<void>;
}

/** Which infrastructure URL a process is given: the fault suite routes each through a proxy. */
export type InfraKind = 'database' | 'amqp' | 'redis';

/**
 * Starts the payment sandbox, the four services from source on fresh schemas, and the gateway in
 * front of them.
 * `label` names the databases and the gateway's Redis key prefix (its own rate-limit counters:
 * e2e files run at once, all from 127.0.0.1).
 */
export async function startSystem(opts: {
  label: string;
  gatewayEnv?: Record<string, string>;
  /** Extra or overriding variables per service (catalog's demo seed, MEDIA_ORIGIN_URL …). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** The services' broker instead of a vhost this system creates for itself. */
  amqpUrl?: string;
  /**
   * Rewrites each DATABASE_URL, AMQP_URL and REDIS_URL a process is given (the gateway's
   * REDIS_URL too), e.g. to a TcpProxy in front of the real server. Default: unchanged.
   */
  infraUrl?: (kind: InfraKind, url: string, process: ServiceName | 'gateway') => string;
  /** Extra environment for the payment sandbox (SANDBOX_WEBHOOK_RETRY_MS …). */
  paymentSandboxEnv?: Record<string, string>;
  /** Called with the vhost before any process starts (e.g. to set a policy on it). */
  onVhost?: (vhost: string) => Promise<void>;
}): Promise<RunningSystem> {
  const infra = await getInfra();
  // Services name their queues as in production: two systems on one vhost (e2e files run two at
  // a time) would take each other's events as competing consumers.
  const vhost =
    opts.amqpUrl === undefined ? await createBrokerVhost(infra.amqpUrl, opts.label) : undefined;
  if (vhost) await opts.onVhost?.(vhost.name);
  const via = opts.infraUrl ?? ((_kind: InfraKind, url: string) => url);
  const amqpUrl = opts.amqpUrl ?? vhost?.amqpUrl ?? infra.amqpUrl;
  const envs = new Map<string, { entry: string; env: Record<string, string> }>();
  const launch = (name: string, entry: string, env: Record<string, string>) => {
    envs.set(name, { entry, env });
    return startProcess(name, entry, env);
  };
  const own = ownEnv();
  const processes: RunningProcess[] = [];
  const databases: TestDatabase[] = [];
  const urls: Partial<Record<ServiceName, string>> = {};
  const upstreamEnv: Record<string, string> = {};
  const gatewayPort = await freePort();
  const paymentSandbox = await startPaymentSandbox({
    webhookUrl: `http://127.0.0.1:${gatewayPort}/api/billing/webhooks/provider`,
    ...(opts.paymentSandboxEnv ? { env: opts.paymentSandboxEnv } : {}),
  });
  const providerEnv: Record<ServiceName, Record<string, string>> = {
    auth: {},
    catalog: {},
    social: {},
    billing: {
      STRIPE_HOST: paymentSandbox.host,
      STRIPE_PORT: String(paymentSandbox.port),
      STRIPE_PROTOCOL: 'http',
      STRIPE_SECRET_KEY: paymentSandbox.apiKey,
      STRIPE_WEBHOOK_SECRET: paymentSandbox.webhookSecret ?? '',
    },
  };
  for (const name of SERVICES) {
    const db = await createTestDatabase({ label: `${opts.label}-${name}` });
    databases.push(db);
    const port = String(await freePort());
    const url = `http://127.0.0.1:${port}`;
    urls[name] = url;
    upstreamEnv[`${name.toUpperCase()}_URL`] = url;
    processes.push(
      launch(name, `services/${name}/src/main.ts`, {
        PORT: port,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: via('database', db.url, name),
        AMQP_URL: via('amqp', amqpUrl, name),
        REDIS_URL: via('redis', infra.redisUrl, name),
        // auth starts first: the others verify tokens against its keys, not npm start's auth.
        AUTH_JWKS_URL: `${urls.auth}/.well-known/jwks.json`,
        ...own[name],
        ...providerEnv[name],
        ...opts.serviceEnv?.[name],
      }),
    );
  }
  const gatewayMetricsPort = await freePort();
  const gateway = launch('gateway', 'gateway/src/main.ts', {
    PORT: String(gatewayPort),
    METRICS_PORT: String(gatewayMetricsPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    REDIS_URL: via('redis', infra.redisUrl, 'gateway'),
    REDIS_KEY_PREFIX: `${uniquePrefix(opts.label)}:`,
    AUTH_JWKS_URL: `${urls.auth}/.well-known/jwks.json`,
    // Social's ticket secret: the gateway checks a WebSocket ticket before it upgrades.
    WS_TICKET_SECRET: opts.serviceEnv?.social?.WS_TICKET_SECRET ?? own.social.WS_TICKET_SECRET,
    ...upstreamEnv,
    ...opts.gatewayEnv,
  });
  processes.push(gateway);
  const restart = async (name: string, how: { signal?: 'SIGTERM' | 'SIGKILL' } = {}) => {
    const index = processes.findIndex((proc) => proc.name === name);
    const old = processes[index];
    const launched = envs.get(name);
    if (!old || !launched) throw new Error(`no process named ${name}`);
    if (how.signal === 'SIGKILL') {
      if (old.child.exitCode === null) old.child.kill('SIGKILL');
      await old.exited;
    } else {
      await stopProcess(old);
    }
    const fresh = startProcess(name, launched.entry, launched.env);
    processes[index] = fresh;
    return fresh;
  };
  return {
    processes,
    databases,
    // The newest gateway child: restart() replaces it.
    get gateway() {
      return processes[processes.length - 1] ?? gateway;
    },
    restart,
    ...(vhost ? { vhost: vhost.name } : {}),
    gatewayMetricsUrl: `http://127.0.0.1:${gatewayMetricsPort}`,
    urls: urls as Record<ServiceName, string>,
    signingKeys: own.auth.JWT_PRIVATE_JWKS,
    paymentSandbox,
    stop: async () => {
      await Promise.all(processes.map((proc) => stopProcess(proc)));
      await paymentSandbox.stop();
      await Promise.all(databases.map((db) => db.drop()));
      await vhost?.drop();
    },
  };
}
