import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import {
  Broker,
  CloudEventEnvelope,
  PUBLISHER_HEADER,
  allowedPublishers,
  createEvent,
  defineHandler,
  listDlq,
  parseEventPublishers,
  replayDlq,
  subscribe,
  type Consumer,
} from '../src/index.js';
import { createEnv, logger, type Env, type TestPrisma } from './support/harness.js';
import { addBrokerUser, type TestBrokerUser } from './support/rabbit-users.js';

const ACTIVATED = 'billing.test.activated.v1';
const Activated = Type.Object({
  ...CloudEventEnvelope.properties,
  type: Type.Literal(ACTIVATED),
  data: Type.Object({ n: Type.Integer() }),
});

let env: Env;
const users: TestBrokerUser[] = [];
const brokers: Broker[] = [];
const consumers: Consumer[] = [];

async function userBroker(role: string): Promise<{ user: TestBrokerUser; broker: Broker }> {
  const user = await addBrokerUser(env.amqpUrl, `${env.prefix.replace(/-/g, '_')}_${role}`);
  users.push(user);
  const broker = await Broker.connect({ url: user.url, name: `${env.prefix}-${role}`, logger });
  brokers.push(broker);
  return { user, broker };
}

const activated = (n: number) =>
  createEvent({ type: ACTIVATED, source: 'billing', subject: `s-${n}`, data: { n } });

const effectsFor = (prisma: TestPrisma, eventId: string) =>
  prisma.effect.count({ where: { eventId } });

let billing: { user: TestBrokerUser; broker: Broker };
let catalog: { user: TestBrokerUser; broker: Broker };
let social: { user: TestBrokerUser; broker: Broker };

beforeAll(async () => {
  env = await createEnv('publishers');
  billing = await userBroker('billing');
  catalog = await userBroker('catalog');
  social = await userBroker('social');
});

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.stop()));
  await Promise.all(brokers.map((b) => b.close()));
  for (const user of users) await user.remove();
  await env?.close();
});

describe('who may publish an event', () => {
  it("refuses a publish whose user_id is not the connection's user", async () => {
    const exchange = env.exchangeFor('forged');
    const conn = await (await import('amqplib')).connect(catalog.user.url);
    try {
      const ch = await conn.createConfirmChannel();
      const closed = new Promise<Error>((resolve) => ch.on('error', resolve));
      await ch.assertExchange(exchange, 'topic', { durable: true });
      ch.publish(exchange, ACTIVATED, Buffer.from('{}'), { userId: billing.user.name });
      const err = await closed;
      expect(err.message).toMatch(/PRECONDITION_FAILED/);
      expect(err.message).toContain(`user_id property set to '${billing.user.name}'`);
    } finally {
      await conn.close();
    }
  });

  it("the broker's publishes carry its own user as user_id", async () => {
    expect(catalog.broker.user).toBe(catalog.user.name);
  });

  it('dead-letters a billing event published by catalog, handles the one billing published, and keeps believing it through a retry', async () => {
    const exchange = env.exchangeFor('owned');
    const queue = env.queue('owned');
    let failures = 1;
    // Consumed as a third user, so the retry copy (written by the consumer) is told apart.
    consumers.push(
      await subscribe(social.broker, {
        queue,
        exchange,
        prisma: env.prisma,
        logger,
        retryDelaysMs: [50],
        publishers: { billing: [billing.user.name] },
        handlers: {
          [ACTIVATED]: defineHandler(Activated, async (event, tx: TestPrisma) => {
            if (failures > 0) {
              failures -= 1;
              throw new Error('first try fails');
            }
            await tx.$executeRawUnsafe(
              'INSERT INTO effects (event_id, subject) VALUES (?, ?)',
              event.id,
              event.subject ?? null,
            );
          }),
        },
      }),
    );
    const forged = activated(1);
    const genuine = activated(2);
    const publish = (broker: Broker, event: ReturnType<typeof activated>) =>
      broker.publish(exchange, event.type, Buffer.from(JSON.stringify(event)), {
        messageId: event.id,
      });
    await publish(catalog.broker, forged);
    await publish(billing.broker, genuine);
    await eventually(async () => expect(await effectsFor(env.prisma, genuine.id)).toBe(1), {
      within: 10_000,
      message: 'genuine event handled after its retry',
    });
    const [dead] = await eventually(
      async () => {
        const list = await listDlq(env.amqp, queue);
        expect(list).toHaveLength(1);
        return list;
      },
      { within: 10_000, message: 'forged event in the DLQ' },
    );
    expect(dead?.eventId).toBe(forged.id);
    expect(dead?.error).toContain(`publisher ${catalog.user.name} may not publish billing events`);
    expect(await effectsFor(env.prisma, forged.id)).toBe(0);
    expect(await env.prisma.inboxEvent.count({ where: { eventId: forged.id } })).toBe(0);
  });

  it('does not believe a recorded publisher on a message someone else published', async () => {
    const exchange = env.exchangeFor('header');
    const queue = env.queue('header');
    consumers.push(
      await subscribe(social.broker, {
        queue,
        exchange,
        prisma: env.prisma,
        logger,
        publishers: { billing: [billing.user.name] },
        handlers: {
          [ACTIVATED]: defineHandler(Activated, async () => undefined),
        },
      }),
    );
    const event = activated(3);
    await catalog.broker.publish(exchange, event.type, Buffer.from(JSON.stringify(event)), {
      messageId: event.id,
      headers: { [PUBLISHER_HEADER]: billing.user.name },
    });
    const [dead] = await eventually(
      async () => {
        const list = await listDlq(env.amqp, queue);
        expect(list).toHaveLength(1);
        return list;
      },
      { within: 10_000, message: 'event with a forged header in the DLQ' },
    );
    expect(dead?.error).toContain(`publisher ${catalog.user.name} may not publish`);
  });
});

describe('replaying dead letters', () => {
  it("keeps the publisher when the consumer's own user replays, and refuses anyone else's copy", async () => {
    const exchange = env.exchangeFor('replay');
    const queue = env.queue('replay');
    let broken = true;
    consumers.push(
      await subscribe(social.broker, {
        queue,
        exchange,
        prisma: env.prisma,
        logger,
        retryDelaysMs: [],
        publishers: { billing: [billing.user.name] },
        handlers: {
          [ACTIVATED]: defineHandler(Activated, async (event, tx: TestPrisma) => {
            if (broken) throw new Error('not fixed yet');
            await tx.$executeRawUnsafe(
              'INSERT INTO effects (event_id, subject) VALUES (?, ?)',
              event.id,
              event.subject ?? null,
            );
          }),
        },
      }),
    );
    const first = activated(4);
    const second = activated(5);
    for (const event of [first, second])
      await billing.broker.publish(exchange, event.type, Buffer.from(JSON.stringify(event)), {
        messageId: event.id,
      });
    const deadLetters = () =>
      eventually(
        async () => {
          const list = await listDlq(env.amqp, queue);
          expect(list).toHaveLength(2);
          return list;
        },
        { within: 10_000 },
      );
    expect((await deadLetters()).map((m) => m.error)).toEqual(['not fixed yet', 'not fixed yet']);
    broken = false;
    const replayAs = async (who: TestBrokerUser, eventId: string) => {
      const conn = await (await import('amqplib')).connect(who.url);
      try {
        return await replayDlq(conn, queue, { eventId, userId: who.name });
      } finally {
        await conn.close();
      }
    };
    // Replayed by another user, the copy carries that user's user_id: refused, never handled.
    expect(await replayAs(catalog.user, second.id)).toBe(1);
    // Replayed by the consuming service's own user: the recorded publisher (billing) holds.
    expect(await replayAs(social.user, first.id)).toBe(1);
    await eventually(async () => expect(await effectsFor(env.prisma, first.id)).toBe(1), {
      within: 10_000,
    });
    await eventually(
      async () => {
        const list = await listDlq(env.amqp, queue);
        expect(list.map((m) => [m.eventId, m.error])).toEqual([
          [second.id, expect.stringContaining(`publisher ${catalog.user.name} may not publish`)],
        ]);
      },
      { within: 10_000 },
    );
    expect(await effectsFor(env.prisma, second.id)).toBe(0);
  });
});

describe('EVENT_PUBLISHERS', () => {
  it('maps a service to its users, * to the others, and defaults to kavosh_<service>', () => {
    const publishers = parseEventPublishers('billing=kavosh_billing|ops, *=guest');
    expect(allowedPublishers('billing.subscription.activated.v1', publishers)).toEqual([
      'kavosh_billing',
      'ops',
    ]);
    expect(allowedPublishers('catalog.movie.published.v1', publishers)).toEqual(['guest']);
    expect(allowedPublishers('billing.subscription.activated.v1')).toEqual(['kavosh_billing']);
    expect(() => parseEventPublishers('billing')).toThrow(/malformed entry/);
  });
});
