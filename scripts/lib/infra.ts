import { spawnSync } from 'node:child_process';
import { connect as amqpConnect } from 'amqplib';
import { Redis } from 'ioredis';
import { createConnection } from 'mariadb';

const CONNECT_TIMEOUT_MS = 2_000;

export type Dependency = 'mysql' | 'rabbitmq' | 'redis';

export interface InfraUrls {
  mysqlAdminUrl: string;
  amqpUrl: string;
  redisUrl: string;
}

/** How to start each dependency on this machine without Docker. */
export const START_HINTS: Record<Dependency, string> = {
  mysql: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
  rabbitmq: 'rabbitmq-server -detached',
  redis:
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
};

const withTimeout = async <T>(what: string, promise: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** Logs in as the admin and runs SELECT 1. */
export async function checkMysql(adminUrl: string): Promise<void> {
  const url = new URL(adminUrl);
  const conn = await createConnection({
    host: url.hostname,
    port: url.port === '' ? 3306 : Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    connectTimeout: CONNECT_TIMEOUT_MS,
    allowPublicKeyRetrieval: true,
  });
  try {
    await conn.query('SELECT 1');
  } finally {
    await conn.end();
  }
}

/** Opens and closes an AMQP connection (this checks the credentials too). */
export async function checkRabbitmq(amqpUrl: string): Promise<void> {
  const conn = await withTimeout(
    'RabbitMQ',
    amqpConnect(amqpUrl, { timeout: CONNECT_TIMEOUT_MS }),
    CONNECT_TIMEOUT_MS + 500,
  );
  await conn.close();
}

/** Sends PING, without retries or an offline queue so a dead server fails fast. */
export async function checkRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // ioredis rejects connect() with a bare "Connection is closed."; the socket error says why.
  let socketError: Error | undefined;
  redis.on('error', (err: Error) => {
    socketError ??= err;
  });
  try {
    await withTimeout('Redis', redis.connect(), CONNECT_TIMEOUT_MS + 500);
    await withTimeout('Redis', redis.ping(), CONNECT_TIMEOUT_MS);
  } catch (err) {
    throw socketError ?? err;
  } finally {
    redis.disconnect();
  }
}

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Checks all three in parallel; returns the ones that failed with their reason. */
export async function findUnreachable(urls: InfraUrls): Promise<Map<Dependency, string>> {
  const checks: [Dependency, Promise<void>][] = [
    ['mysql', checkMysql(urls.mysqlAdminUrl)],
    ['rabbitmq', checkRabbitmq(urls.amqpUrl)],
    ['redis', checkRedis(urls.redisUrl)],
  ];
  const failed = new Map<Dependency, string>();
  const results = await Promise.allSettled(checks.map(([, check]) => check));
  results.forEach((result, i) => {
    const entry = checks[i];
    if (entry && result.status === 'rejected') failed.set(entry[0], describe(result.reason));
  });
  return failed;
}

export const dockerAvailable = (): boolean =>
  spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;

/**
 * Starts the given compose services and waits for their health checks; throws with compose's output on
 * failure. Only the missing ones: a local server already on the port would make the container fail.
 */
export function composeUp(rootDir: string, services: Dependency[]): void {
  const result = spawnSync('docker', ['compose', 'up', '-d', '--wait', ...services], {
    cwd: rootDir,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(`docker compose up failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
}

const LABELS: Record<Dependency, string> = {
  mysql: 'MySQL/MariaDB (MYSQL_ADMIN_URL)',
  rabbitmq: 'RabbitMQ (AMQP_URL)',
  redis: 'Redis (REDIS_URL)',
};

/** The message shown when a dependency is missing and there is no Docker engine to start it. */
export function missingMessage(failed: Map<Dependency, string>): string {
  const lines = [
    'These dependencies do not answer (or refuse the login), and no Docker engine answers `docker info`:',
  ];
  for (const [dep, reason] of failed) {
    lines.push(`  - ${LABELS[dep]}: ${reason}`, `      start it with: ${START_HINTS[dep]}`);
  }
  lines.push('  or, with Docker: docker compose up -d --wait mysql rabbitmq redis');
  return lines.join('\n');
}
