import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerPermissions, provisionBrokerUsers } from '../src/index.js';
import { getInfra } from '@kavosh/testing';
import { createEnv, type Env } from './support/harness.js';

const run = promisify(execFile);

let env: Env;
let conn: ChannelModel;
const hex = randomBytes(3).toString('hex');
// Service names of this run only: the permissions are per user, so nothing else is affected.
const service = `t${hex}svc`;
const producer = `t${hex}prod`;
const user = `t_${hex}_svc`;
let exchange: string;

/** Runs fn on a fresh confirm channel; resolves with the channel error that closed it, if any. */
async function channelError(fn: (ch: ConfirmChannel) => Promise<unknown>): Promise<string | null> {
  const ch = await conn.createConfirmChannel();
  let failure: string | null = null;
  ch.on('error', (err: Error) => {
    failure = err.message;
  });
  try {
    await fn(ch);
    await ch.waitForConfirms();
    await ch.close();
  } catch (err) {
    failure ??= err instanceof Error ? err.message : String(err);
  }
  return failure;
}

beforeAll(async () => {
  env = await createEnv('provision');
  exchange = env.exchangeFor('provision');
  await env.amqp.createChannel().then(async (ch) => {
    await ch.assertExchange(exchange, 'topic', { durable: true });
    await ch.close();
  });
  const password = randomBytes(18).toString('base64url');
  const accounts = [{ service, user, password: 'first', consumes: [producer] }];
  const ctl = (await getInfra()).rabbitmqCtl;
  await provisionBrokerUsers({ accounts, exchange, ctl });
  // A second run changes the password of the existing user.
  await provisionBrokerUsers({ accounts: [{ ...accounts[0]!, password }], exchange, ctl });
  const url = new URL(env.amqpUrl);
  url.username = user;
  url.password = password;
  conn = await connect(url.toString());
  conn.on('error', () => undefined);
});

afterAll(async () => {
  await conn?.close().catch(() => undefined);
  const [ctl = 'rabbitmqctl', ...prefix] = (await getInfra()).rabbitmqCtl;
  await run(ctl, [...prefix, 'delete_user', user]).catch(() => undefined);
  const ch = await env.amqp.createChannel();
  for (const q of [`${service}.inbox`, `${service}.inbox.dlq`]) await ch.deleteQueue(q);
  await ch.close();
  await env?.close();
});

describe('provisionBrokerUsers', () => {
  it('lets a service declare, bind and copy into its own queues and publish its own events', async () => {
    expect(
      await channelError(async (ch) => {
        await ch.assertQueue(`${service}.inbox`, { durable: true });
        await ch.assertQueue(`${service}.inbox.dlq`, { durable: true });
        await ch.bindQueue(`${service}.inbox`, exchange, `${producer}.thing.happened.v1`);
        ch.publish(exchange, `${service}.thing.happened.v1`, Buffer.from('{}'), {
          userId: user,
        });
        // A consumer's DLQ copy goes through the default exchange.
        ch.publish('', `${service}.inbox.dlq`, Buffer.from('{}'), { userId: user });
      }),
    ).toBeNull();
  });

  it("refuses to publish another service's routing key", async () => {
    expect(
      await channelError(async (ch) => {
        ch.publish(exchange, `${producer}.thing.happened.v1`, Buffer.from('{}'), {
          userId: user,
        });
      }),
    ).toMatch(/ACCESS_REFUSED/);
  });

  it("refuses another service's queues and bindings to events it does not consume", async () => {
    expect(
      await channelError((ch) => ch.assertQueue(`${producer}.inbox`, { durable: true })),
    ).toMatch(/ACCESS_REFUSED/);
    expect(
      await channelError((ch) =>
        ch.bindQueue(`${service}.inbox`, exchange, `other${hex}.thing.happened.v1`),
      ),
    ).toMatch(/ACCESS_REFUSED/);
  });
});

describe('brokerPermissions', () => {
  it('escapes service names and binds nothing for a service that consumes nothing', () => {
    expect(brokerPermissions('billing', [])).toEqual({
      configure: '^(billing\\..*|kavosh\\.events)$',
      write: '^(billing\\..*|kavosh\\.events|amq\\.default)$',
      read: '^(billing\\..*|kavosh\\.events)$',
      topicWrite: '^billing\\.',
      topicRead: '^$',
    });
    expect(brokerPermissions('catalog', ['billing', 'auth']).topicRead).toBe('^(billing|auth)\\.');
  });
});
