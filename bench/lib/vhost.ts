import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface BenchVhost {
  /** The vhost's name. */
  name: string;
  /** `amqpUrl` with the vhost as its path. */
  amqpUrl: string;
  drop(): Promise<void>;
}

/**
 * A RabbitMQ vhost of a bench's own (rabbitmqctl on this machine): the services declare their
 * production queue names, and their events must not reach the shared vhost's queues.
 */
export async function createBenchVhost(label: string, amqpUrl: string): Promise<BenchVhost> {
  const name = `${label}-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const url = new URL(amqpUrl);
  const ctl = (...args: string[]) => run('rabbitmqctl', ['--quiet', ...args], { timeout: 60_000 });
  await ctl('add_vhost', name);
  await ctl(
    'set_permissions',
    '-p',
    name,
    decodeURIComponent(url.username) || 'guest',
    ...['.*', '.*', '.*'],
  );
  url.pathname = `/${encodeURIComponent(name)}`;
  return {
    name,
    amqpUrl: url.toString(),
    drop: async () => void (await ctl('delete_vhost', name)),
  };
}
