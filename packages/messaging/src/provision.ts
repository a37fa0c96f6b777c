import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DEFAULT_EXCHANGE } from './topology.js';

const run = promisify(execFile);

/** One service's RabbitMQ account. */
export interface BrokerAccount {
  /** Its queues are `<service>.…`; the routing keys it may publish, `<service>.…`. */
  service: string;
  user: string;
  password: string;
  /** Producing services whose events it binds its queues to (`billing`, `auth` …). */
  consumes: readonly string[];
}

/** RabbitMQ permission patterns (regular expressions) of one account. */
export interface BrokerPermissions {
  configure: string;
  write: string;
  read: string;
  /** Topic permissions on the events exchange: routing keys it may publish and bind. */
  topicWrite: string;
  topicRead: string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What a service may do: declare, bind and consume only its own queues (`^<service>\.`), declare
 * and use the events exchange, publish there only its own routing keys, bind only the keys of the
 * services it consumes. Write on `amq.default` is needed for the copies a consumer sends to its own
 * retry queues and DLQ; a message sent that way to another service's queue still carries this
 * user's user_id, which that consumer refuses for any event but this service's own.
 */
export function brokerPermissions(
  service: string,
  consumes: readonly string[],
  exchange = DEFAULT_EXCHANGE,
): BrokerPermissions {
  const own = `${escapeRegExp(service)}\\.`;
  const events = escapeRegExp(exchange);
  return {
    configure: `^(${own}.*|${events})$`,
    write: `^(${own}.*|${events}|amq\\.default)$`,
    read: `^(${own}.*|${events})$`,
    topicWrite: `^${own}`,
    // '^$' matches no routing key: a service that consumes nothing binds nothing.
    topicRead: consumes.length > 0 ? `^(${consumes.map(escapeRegExp).join('|')})\\.` : '^$',
  };
}

/**
 * Creates each account's RabbitMQ user (or resets its password) and sets its permissions on the
 * vhost and topic permissions on the events exchange, with rabbitmqctl (`ctl`: the command, e.g.
 * `['docker', 'compose', 'exec', '-T', 'rabbitmq', 'rabbitmqctl']`). Idempotent.
 */
export async function provisionBrokerUsers(opts: {
  accounts: readonly BrokerAccount[];
  vhost?: string;
  exchange?: string;
  ctl?: readonly string[];
}): Promise<void> {
  const [command = 'rabbitmqctl', ...prefix] = opts.ctl ?? ['rabbitmqctl'];
  const vhost = opts.vhost ?? '/';
  const ctl = async (...args: string[]): Promise<string> =>
    (await run(command, [...prefix, ...args], { timeout: 60_000 })).stdout;
  const listed: unknown = JSON.parse(await ctl('list_users', '--quiet', '--formatter', 'json'));
  const existing = new Set(
    Array.isArray(listed)
      ? listed.map((row: unknown) =>
          typeof row === 'object' && row !== null ? String(Reflect.get(row, 'user')) : '',
        )
      : [],
  );
  // One account after another inside, the accounts at once: each rabbitmqctl call costs ~1 s.
  await Promise.all(
    opts.accounts.map(async (account) => {
      const p = brokerPermissions(account.service, account.consumes, opts.exchange);
      // `--`: a random password may start with '-', which rabbitmqctl would read as an option.
      if (existing.has(account.user))
        await ctl('change_password', '--', account.user, account.password);
      else await ctl('add_user', '--', account.user, account.password);
      await ctl('set_permissions', '-p', vhost, account.user, p.configure, p.write, p.read);
      await ctl(
        'set_topic_permissions',
        '-p',
        vhost,
        account.user,
        opts.exchange ?? DEFAULT_EXCHANGE,
        p.topicWrite,
        p.topicRead,
      );
    }),
  );
}
