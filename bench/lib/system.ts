// The whole system for a benchmark: the four services and the gateway from source, on fresh
// schemas, a vhost of their own and the payment sandbox, as e2e's startSystem starts them (e2e is
// a test project the bench may not import; this is the part a load benchmark needs).
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  freePort,
  getInfra,
  startPaymentSandbox,
  uniquePrefix,
  type TestDatabase,
} from '@kavosh/testing';

import { createBenchVhost } from './vhost.js';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVICES = ['auth', 'catalog', 'billing', 'social'] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SystemProcess {
  name: string;
  child: ChildProcess;
  url: string;
}

export interface BenchSystem {
  /** The gateway's origin. */
  url: string;
  /** The four services, then the gateway. */
  processes: SystemProcess[];
  stop(): Promise<void>;
}

function launch(name: string, entry: string, env: Record<string, string>): SystemProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    // Warnings and errors only reach the terminal: a failing process explains itself.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { name, child, url: `http://127.0.0.1:${env.PORT ?? ''}` };
}

async function stop(proc: SystemProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.child.once('exit', resolve));
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Until `url` answers 200 (or the process exits, or `timeoutMs` passes). */
async function ready(proc: SystemProcess, path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited before it was ready`);
    try {
      if ((await fetch(`${proc.url}${path}`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`${proc.name} not ready within ${timeoutMs} ms`);
}

/**
 * Starts everything and resolves once the gateway's merged OpenAPI lists every service.
 * `serviceEnv` adds variables per service (catalog's demo seed), `gatewayEnv` to the gateway.
 */
export async function startBenchSystem(opts: {
  label: string;
  serviceEnv?: Partial<Record<(typeof SERVICES)[number], Record<string, string>>>;
  gatewayEnv?: Record<string, string>;
}): Promise<BenchSystem> {
  const infra = await getInfra();
  const vhost = await createBenchVhost(opts.label, infra.amqpUrl);
  const amqp = new URL(vhost.amqpUrl);
  const publishers = `*=${decodeURIComponent(amqp.username) || 'guest'}`;
  const processes: SystemProcess[] = [];
  const databases: TestDatabase[] = [];
  const gatewayPort = await freePort();
  const sandbox = await startPaymentSandbox({
    webhookUrl: `http://127.0.0.1:${gatewayPort}/api/billing/webhooks/provider`,
  });
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const wsTicketSecret = randomBytes(32).toString('hex');
  const own: Record<(typeof SERVICES)[number], Record<string, string>> = {
    auth: {
      JWT_PRIVATE_JWKS: JSON.stringify({
        keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid: 'bench-1' }],
      }),
      REDIS_KEY_PREFIX: `${uniquePrefix(`${opts.label}-auth`)}:`,
    },
    catalog: {
      CACHE_KEY_PREFIX: `${uniquePrefix(`${opts.label}-catalog`)}:cache:`,
      CURSOR_SECRET: randomBytes(32).toString('hex'),
      MEDIA_SIGNING_SECRET: randomBytes(32).toString('base64url'),
    },
    billing: {
      STRIPE_HOST: sandbox.host,
      STRIPE_PORT: String(sandbox.port),
      STRIPE_PROTOCOL: 'http',
      STRIPE_SECRET_KEY: sandbox.apiKey,
      STRIPE_WEBHOOK_SECRET: sandbox.webhookSecret ?? '',
    },
    social: { WS_TICKET_SECRET: wsTicketSecret },
  };
  const upstreams: Record<string, string> = {};
  const system: BenchSystem = {
    url: `http://127.0.0.1:${gatewayPort}`,
    processes,
    stop: async () => {
      await Promise.all(processes.map(stop));
      await sandbox.stop();
      await Promise.all(databases.map((db) => db.drop()));
      await vhost.drop();
    },
  };
  try {
    for (const name of SERVICES) {
      const db = await createTestDatabase({ label: `${opts.label}-${name}` });
      databases.push(db);
      const port = String(await freePort());
      upstreams[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}`;
      processes.push(
        launch(name, `services/${name}/src/main.ts`, {
          PORT: port,
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          DATABASE_URL: db.url,
          AMQP_URL: amqp.toString(),
          REDIS_URL: infra.redisUrl,
          AUTH_JWKS_URL: `${upstreams.AUTH_URL}/.well-known/jwks.json`,
          EVENT_PUBLISHERS: publishers,
          ...own[name],
          ...opts.serviceEnv?.[name],
        }),
      );
    }
    const gateway = launch('gateway', 'gateway/src/main.ts', {
      PORT: String(gatewayPort),
      METRICS_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REDIS_URL: infra.redisUrl,
      REDIS_KEY_PREFIX: `${uniquePrefix(`${opts.label}-gateway`)}:`,
      AUTH_JWKS_URL: `${upstreams.AUTH_URL}/.well-known/jwks.json`,
      WS_TICKET_SECRET: wsTicketSecret,
      ...upstreams,
      ...opts.gatewayEnv,
    });
    processes.push(gateway);
    for (const proc of processes) await ready(proc, '/health/ready', 180_000);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const doc = (await (await fetch(`${gateway.url}/openapi.json`)).json()) as {
        'x-kavosh-upstreams'?: Record<string, { status: string }>;
      };
      if (SERVICES.every((name) => doc['x-kavosh-upstreams']?.[name]?.status === 'loaded')) break;
      if (Date.now() > deadline) throw new Error('the gateway never loaded every service');
      await sleep(500);
    }
    return system;
  } catch (err) {
    await system.stop();
    throw err;
  }
}
