import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A RabbitMQ user a test creates with rabbitmqctl (full rights on vhost /) and deletes after. */
export interface TestBrokerUser {
  name: string;
  /** amqpUrl with this user's credentials. */
  url: string;
  remove(): Promise<void>;
}

export async function addBrokerUser(amqpUrl: string, name: string): Promise<TestBrokerUser> {
  const password = randomBytes(18).toString('base64url');
  await run('rabbitmqctl', ['add_user', name, password]);
  await run('rabbitmqctl', ['set_permissions', '-p', '/', name, '.*', '.*', '.*']);
  const url = new URL(amqpUrl);
  url.username = name;
  url.password = password;
  return {
    name,
    url: url.toString(),
    remove: async () => {
      await run('rabbitmqctl', ['delete_user', name]);
    },
  };
}
