import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import {
  Broker,
  consumerTopology,
  declareConsumerTopology,
  listDlq,
  listParked,
  purgeDlq,
  replayDlq,
  resendParked,
  subscribe,
  type Consumer,
} from '../src/index.js';
import {
  THING_HAPPENED,
  createEnv,
  effectHandler,
  logger,
  produce,
  thing,
  type Env,
} from './support/harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let env: Env;
let broker: Broker;
let consumer: Consumer;
let queue: string;
let exchange: string;
let broken = true;

/** Runs `npm run dlq` the way a person would (tsx on the script), feeding `input` to stdin. */
function runCli(args: string[], input = ''): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'scripts/dlq.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, AMQP_URL: env.amqpUrl, DATABASE_URL: env.db.url },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

async function deadLetter(count: number): Promise<string[]> {
  const ch = await env.amqp.createConfirmChannel();
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const ev = thing('dlq', n);
    ids.push(ev.id);
    ch.publish(exchange, THING_HAPPENED, Buffer.from(JSON.stringify(ev)), {
      persistent: true,
      messageId: ev.id,
      userId: env.user,
    });
  }
  await ch.waitForConfirms();
  await ch.close();
  return ids;
}

beforeAll(async () => {
  env = await createEnv('dlq');
  queue = env.queue('deadletters');
  exchange = env.exchangeFor('dlq');
  broker = await Broker.connect({ url: env.amqpUrl, name: `${env.prefix}-dlq`, logger });
  consumer = await subscribe(broker, {
    queue,
    exchange,
    prisma: env.prisma,
    logger,
    retryDelaysMs: [],
    handlers: {
      [THING_HAPPENED]: effectHandler(async () => {
        if (broken) throw new Error('not yet fixed');
      }),
    },
  });
});

afterAll(async () => {
  await consumer?.stop();
  await broker?.close();
  await env?.close();
});

describe('the DLQ tool', () => {
  it(
    'lists, replays one or all, and purges only after confirmation',
    { timeout: 60_000 },
    async () => {
      const ids = await deadLetter(3);
      await eventually(async () => expect(await listDlq(env.amqp, queue)).toHaveLength(3), {
        within: 10_000,
      });

      const list = await runCli(['list', queue]);
      expect(list.code).toBe(0);
      for (const id of ids) expect(list.out).toContain(id);
      expect(list.out).toContain('not yet fixed');

      broken = false;
      expect(await replayDlq(env.amqp, queue, { eventId: ids[0], userId: env.user })).toBe(1);
      await eventually(async () =>
        expect(await env.prisma.effect.count({ where: { eventId: ids[0] } })).toBe(1),
      );
      expect(await listDlq(env.amqp, queue)).toHaveLength(2);

      const refused = await runCli(['purge', queue], 'no\n');
      expect(refused.out).toContain('not purged');
      expect(await listDlq(env.amqp, queue)).toHaveLength(2);

      expect(await replayDlq(env.amqp, queue, { userId: env.user })).toBe(2);
      await eventually(async () => expect(await env.prisma.effect.count()).toBe(3));

      broken = true;
      await deadLetter(2);
      await eventually(async () => expect(await listDlq(env.amqp, queue)).toHaveLength(2), {
        within: 10_000,
      });
      const purged = await runCli(['purge', queue, '--yes']);
      expect(purged.out).toContain('purged 2 message(s)');
      expect(await purgeDlq(env.amqp, queue)).toBe(0);
    },
  );

  it('receives a message returned more often than the delivery limit, instead of losing it', async () => {
    const limited = env.queue('limited');
    const topology = consumerTopology(limited, [], { deliveryLimit: 2 });
    const ch = await env.amqp.createConfirmChannel();
    try {
      await declareConsumerTopology(ch, { exchange, topology, routingKeys: [] });
      const ev = thing('limit', 1);
      ch.sendToQueue(limited, Buffer.from(JSON.stringify(ev)), {
        persistent: true,
        messageId: ev.id,
      });
      await ch.waitForConfirms();
      // A consumer that keeps giving the message back, as one whose handler never commits would.
      let returns = 0;
      for (let i = 0; i < 20; i++) {
        const msg = await ch.get(limited, { noAck: false });
        if (!msg) {
          if ((await listDlq(env.amqp, limited)).length > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        ch.nack(msg, false, true);
        returns += 1;
      }
      expect(returns).toBe(3);
      await eventually(async () => {
        const dead = await listDlq(env.amqp, limited);
        expect(dead.map((m) => m.eventId)).toEqual([ev.id]);
        expect(dead[0]?.error).toBe('delivery limit exceeded');
      });
      expect((await ch.checkQueue(limited)).messageCount).toBe(0);
    } finally {
      await ch.close();
    }
  });

  it(
    'lists the outbox events a relay parked and re-sends one or all',
    { timeout: 60_000 },
    async () => {
      const parked = [thing('parked', 1), thing('parked', 2)];
      for (const ev of parked) await produce(env.prisma, ev);
      await env.prisma.$executeRawUnsafe(
        "UPDATE outbox SET parked_at = NOW(3), attempts = 10, last_error = 'unroutable: NO_ROUTE' WHERE subject = 'parked'",
      );
      const list = await runCli(['parked', 'list']);
      expect(list.code).toBe(0);
      for (const ev of parked) expect(list.out).toContain(ev.id);
      expect(list.out).toContain('NO_ROUTE');

      const one = await runCli(['parked', 'resend', '--id', parked[0]?.id ?? '']);
      expect(one.out).toContain('re-sent 1 parked outbox event(s)');
      const rows = await env.prisma.outboxEvent.findMany({
        where: { subject: 'parked' },
        orderBy: { id: 'asc' },
      });
      expect(rows.map((r) => [r.parkedAt === null, r.attempts])).toEqual([
        [true, 0],
        [false, 10],
      ]);
      expect(await listParked(env.prisma)).toEqual([
        expect.objectContaining({ eventId: parked[1]?.id, attempts: 10 }),
      ]);
      expect(await resendParked(env.prisma)).toBe(1);
      expect(await listParked(env.prisma)).toEqual([]);
    },
  );
});
