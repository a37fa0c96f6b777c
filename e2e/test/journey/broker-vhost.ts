import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

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
  const name = `${label}-${randomBytes(4).toString('hex')}`;
  const ctl = async (...args: string[]) => {
    try {
      await run('rabbitmqctl', ['--quiet', ...args], { timeout: 60_000 });
    } catch (err) {
      throw new Error(
        `rabbitmqctl ${args.join(' ')} failed (it must run on the broker's machine): ${String(err)}`,
        { cause: err },
      );
    }
  };
  await ctl('add_vhost', name);
  await ctl('set_permissions', '-p', name, user, '.*', '.*', '.*');
  url.pathname = `/${encodeURIComponent(name)}`;
  return {
    amqpUrl: url.toString(),
    name,
    drop: () => ctl('delete_vhost', name),
  };
}
