import { connect as connectAmqp } from 'amqplib';
import { Redis } from 'ioredis';
import { readTestEnv } from './config.js';
import type { TestEnv } from './config.js';
import { withConnection } from './mysql.js';

/** Where the real services for this test run are. */
export interface Infra {
  mysqlAdminUrl: string;
  amqpUrl: string;
  redisUrl: string;
  /** The rabbitmqctl of that broker: `rabbitmqctl` locally, `docker exec <id> rabbitmqctl` in a container. */
  rabbitmqCtl: string[];
  source: 'local' | 'testcontainers';
}

declare module 'vitest' {
  export interface ProvidedContext {
    kavoshInfra: Infra;
  }
}

type Service = 'mysql' | 'rabbitmq' | 'redis';

const PROBE_TIMEOUT_MS = 3_000;

const START_HINTS: Record<Service, string> = {
  mysql: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
  rabbitmq: 'rabbitmq-server -detached',
  redis:
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
};

/** Infra plus what it takes to stop the containers started for it. */
export interface ResolvedInfra {
  infra: Infra;
  stop(): Promise<void>;
}

let resolvedHere: Promise<Infra> | undefined;

/**
 * The infrastructure of this test run: provided by the vitest global setup inside vitest,
 * otherwise resolved once per process (containers started here live until the process exits).
 */
export async function getInfra(): Promise<Infra> {
  if (readTestEnv().insideVitest) {
    const { inject } = await import('vitest');
    const provided = inject('kavoshInfra');
    if (provided) return provided;
  }
  resolvedHere ??= resolveInfra().then((r) => r.infra);
  return resolvedHere;
}

/**
 * Checks the configured services (TEST_MYSQL_URL, TEST_AMQP_URL, TEST_REDIS_URL) and starts the
 * unreachable ones with testcontainers when a container runtime answers; throws naming what is
 * missing and how to start it otherwise.
 */
export async function resolveInfra(env: TestEnv = readTestEnv()): Promise<ResolvedInfra> {
  const probes: Record<Service, Promise<string | undefined>> = {
    mysql: probe(() =>
      withConnection(env.mysqlAdminUrl, (c) => c.query('SELECT 1'), {
        connectTimeout: PROBE_TIMEOUT_MS,
      }),
    ),
    rabbitmq: probe(async () =>
      (await connectAmqp(env.amqpUrl, { timeout: PROBE_TIMEOUT_MS })).close(),
    ),
    redis: probe(() => pingRedis(env.redisUrl)),
  };
  const failures: Partial<Record<Service, string>> = {};
  for (const service of ['mysql', 'rabbitmq', 'redis'] as const) {
    const failure = await probes[service];
    if (failure !== undefined) failures[service] = failure;
  }
  const missing = (['mysql', 'rabbitmq', 'redis'] as const).filter(
    (s) => failures[s] !== undefined,
  );
  const local: Infra = {
    mysqlAdminUrl: env.mysqlAdminUrl,
    amqpUrl: env.amqpUrl,
    redisUrl: env.redisUrl,
    rabbitmqCtl: ['rabbitmqctl'],
    source: 'local',
  };
  if (env.forceContainers) {
    // KAVOSH_TESTCONTAINERS=1: all three in containers, whatever answers locally.
    missing.splice(0, missing.length, 'mysql', 'rabbitmq', 'redis');
  }
  if (missing.length === 0) return { infra: local, stop: async () => {} };

  const runtimeProblem = await containerRuntimeProblem();
  if (runtimeProblem !== undefined && env.forceContainers)
    throw new Error(
      `KAVOSH_TESTCONTAINERS=1 asks for containers, but no container runtime answers (${runtimeProblem})`,
    );
  if (runtimeProblem !== undefined)
    throw new Error(missingMessage(missing, failures, runtimeProblem));
  const { startContainers } = await import('./containers.js');
  const started = await startContainers(missing, env.images);
  return { infra: { ...local, ...started.urls, source: 'testcontainers' }, stop: started.stop };
}

async function probe(check: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await withTimeout(check(), PROBE_TIMEOUT_MS + 500, 'no answer');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

async function pingRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // ioredis also emits the connect failure as an event; connect() rejecting already reports it.
  let lastError: Error | undefined;
  redis.on('error', (err: Error) => {
    lastError = err;
  });
  try {
    await redis.connect().catch((err: unknown) => {
      throw lastError ?? err;
    });
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

async function containerRuntimeProblem(): Promise<string | undefined> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await withTimeout(getContainerRuntimeClient(), 10_000, 'container runtime did not answer');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function missingMessage(
  missing: Service[],
  failures: Partial<Record<Service, string>>,
  runtimeProblem: string,
): string {
  const lines = missing.map(
    (s) => `  - ${s}: ${failures[s] ?? 'unreachable'}\n      start it: ${START_HINTS[s]}`,
  );
  return [
    `Test infrastructure is missing (tests never skip):`,
    ...lines,
    `No container runtime either (${runtimeProblem}); or run: docker compose up -d mysql rabbitmq redis`,
    `Override the locations with TEST_MYSQL_URL, TEST_AMQP_URL, TEST_REDIS_URL.`,
  ].join('\n');
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
