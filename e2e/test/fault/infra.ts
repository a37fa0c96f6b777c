import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import { TcpProxy, type Infra } from '@kavosh/testing';
import type { InfraKind } from '../system-processes.js';
import { SERVICES, type ServiceName } from '../service-env.js';

const run = promisify(execFile);

export interface InfraProxies {
  /** One per service: a cut of all four is a database outage, a cut of one that service's. */
  databases: Record<ServiceName, TcpProxy>;
  amqp: TcpProxy;
  redis: TcpProxy;
  /** For startSystem's `infraUrl`: every process reaches MariaDB, RabbitMQ and Redis through these. */
  url(kind: InfraKind, url: string, process: ServiceName | 'gateway'): string;
  close(): Promise<void>;
}

/** TCP proxies in front of the shared servers: a cut is an outage for the processes, never for the server. */
export async function startInfraProxies(infra: Infra): Promise<InfraProxies> {
  const [amqp, redis, ...perService] = await Promise.all([
    TcpProxy.start({ target: infra.amqpUrl }),
    TcpProxy.start({ target: infra.redisUrl }),
    ...SERVICES.map(() => TcpProxy.start({ target: infra.mysqlAdminUrl })),
  ]);
  if (!amqp || !redis) throw new Error('proxies did not start');
  const databases = Object.fromEntries(SERVICES.map((name, i) => [name, perService[i]])) as Record<
    ServiceName,
    TcpProxy
  >;
  const all = [amqp, redis, ...perService].filter((p) => p !== undefined);
  return {
    databases,
    amqp,
    redis,
    url: (kind, url, process) => {
      if (kind === 'amqp') return amqp.rewrite(url);
      if (kind === 'redis') return redis.rewrite(url);
      if (process === 'gateway') throw new Error('the gateway has no database');
      return databases[process].rewrite(url);
    },
    close: async () => {
      await Promise.all(all.map((p) => p.close()));
    },
  };
}

const ctl = async (...args: string[]): Promise<string> =>
  (await run('rabbitmqctl', ['--quiet', ...args], { timeout: 60_000 })).stdout;

/**
 * Lowers every queue's delivery limit on the vhost with an operator policy (RabbitMQ applies the
 * lower of it and the queue's own x-delivery-limit): a consumer that gave messages back while the
 * database is down would then reach the DLQ within seconds instead of 20 returns.
 */
export async function lowerDeliveryLimit(vhost: string, limit: number): Promise<void> {
  await ctl(
    'set_operator_policy',
    '-p',
    vhost,
    'fault-delivery-limit',
    '.*',
    JSON.stringify({ 'delivery-limit': limit }),
    '--apply-to',
    'queues',
  );
}

/** Every queue of the vhost with its ready + unacked message count. */
export async function queueDepths(vhost: string): Promise<{ name: string; messages: number }[]> {
  const out = await ctl('list_queues', '-p', vhost, 'name', 'messages', '--no-table-headers');
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length === 2 && cols[0] !== '')
    .map(([name = '', messages = '0']) => ({ name, messages: Number(messages) }));
}

/** Puts a message that is not JSON on a queue: its consumer must send it to `<queue>.dlq` at once. */
export async function injectPoison(amqpUrl: string, queue: string, messageId: string) {
  const conn = await connect(amqpUrl);
  try {
    const ch = await conn.createConfirmChannel();
    ch.sendToQueue(queue, Buffer.from('{ not json'), { messageId, persistent: true });
    await ch.waitForConfirms();
    await ch.close();
  } finally {
    await conn.close();
  }
}

/** The message ids in a queue, read and given back (nothing is consumed). */
export async function peekMessageIds(amqpUrl: string, queue: string): Promise<string[]> {
  const conn = await connect(amqpUrl);
  try {
    const ch = await conn.createChannel();
    const ids: string[] = [];
    for (;;) {
      const msg = await ch.get(queue, { noAck: false });
      if (msg === false) break;
      ids.push(String(msg.properties.messageId));
    }
    // Closing the channel returns every message read above to the queue.
    await ch.close();
    return ids;
  } finally {
    await conn.close();
  }
}
