import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { getInfra } from '@kavosh/testing';

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
  const [ctl = 'rabbitmqctl', ...prefix] = (await getInfra()).rabbitmqCtl;
  await run(ctl, [...prefix, 'add_user', name, password]);
  await run(ctl, [...prefix, 'set_permissions', '-p', '/', name, '.*', '.*', '.*']);
  const url = new URL(amqpUrl);
  url.username = name;
  url.password = password;
  return {
    name,
    url: url.toString(),
    remove: async () => {
      await run(ctl, [...prefix, 'delete_user', name]);
    },
  };
}
