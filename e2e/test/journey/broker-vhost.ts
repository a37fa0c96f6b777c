import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** A vhost of a run this much older than now was left behind by a killed run. */
const STALE_AFTER_MS = 2 * 60 * 60 * 1000;

export interface BrokerVhost {
  /** The test run's AMQP URL with this vhost as its path. */
  amqpUrl: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A RabbitMQ vhost of this system's own, on the test run's broker, open to the run's user. The
 * services name their queues and exchange as in production (`catalog.ratings` on
 * `kavosh.events`), so two systems on one vhost would take each other's events as competing
 * consumers; a vhost keeps this system's events among its own processes. rabbitmqctl must run on
 * the broker's machine (as `npm run provision` needs too).
 */
export async function createBrokerVhost(amqpUrl: string, label: string): Promise<BrokerVhost> {
  const url = new URL(amqpUrl);
  const user = decodeURIComponent(url.username) || 'guest';
  // The creation time in the name lets a later run drop what a killed run left behind.
  const name = `${label}-${Date.now()}-${randomBytes(4).toString('hex')}`;
  const ctl = async (...args: string[]): Promise<string> => {
    try {
      return (await run('rabbitmqctl', ['--quiet', ...args], { timeout: 60_000 })).stdout;
    } catch (err) {
      throw new Error(
        `rabbitmqctl ${args.join(' ')} failed (it must run on the broker's machine): ${String(err)}`,
        { cause: err },
      );
    }
  };
  const stale = async () => {
    const pattern = new RegExp(`^${label.replace(/[^A-Za-z0-9-]/g, '')}-(\\d{13})-[0-9a-f]{8}$`);
    for (const vhost of (await ctl('list_vhosts', '--no-table-headers')).split('\n')) {
      const created = Number(pattern.exec(vhost.trim())?.[1]);
      if (created && Date.now() - created > STALE_AFTER_MS) await ctl('delete_vhost', vhost.trim());
    }
  };
  await Promise.all([
    (async () => {
      await ctl('add_vhost', name);
      await ctl('set_permissions', '-p', name, user, '.*', '.*', '.*');
    })(),
    stale(),
  ]);
  url.pathname = `/${encodeURIComponent(name)}`;
  return {
    amqpUrl: url.toString(),
    name,
    drop: async () => {
      await ctl('delete_vhost', name);
    },
  };
}
