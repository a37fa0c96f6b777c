import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '@kavosh/testing';
import {
  Broker,
  OutboxRelay,
  PublishNotConfirmedError,
  createEvent,
  declareTopology,
  listParked,
  publishInTx,
  resendParked,
} from '../src/index.js';
import { claimSql } from '../src/outbox-relay.js';
import {
  createEnv,
  logger,
  produce,
  recordDeliveries,
  thing,
  type Env,
} from './support/harness.js';

let env: Env;
let broker: Broker;
const relays: OutboxRelay[] = [];

function startRelay(opts: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}): OutboxRelay {
  const relay = new OutboxRelay({
    prisma: env.prisma,
    broker,
    logger,
    metrics: env.metrics,
    exchange: env.exchange,
    batchSize: 50,
    pollIntervalMs: 100,
    leaseTtlMs: 1_500,
    ...opts,
  });
  relays.push(relay);
  relay.start();
  return relay;
}

async function unsentCount(): Promise<number> {
  const rows = await env.prisma.$queryRawUnsafe<{ n: bigint }[]>(
    'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL',
  );
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  env = await createEnv('relay');
  broker = await Broker.connect({ url: env.amqpUrl, name: `${env.prefix}-relay`, logger });
  await broker.withChannel((ch) => declareTopology(ch, { exchange: env.exchange }));
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await broker?.close();
  await env?.close();
});

describe('OutboxRelay', () => {
  it('publishes every committed row exactly once with two relays on one outbox', async () => {
    const seen = await recordDeliveries(env, 'all-once');
    const a = startRelay();
    const b = startRelay();
    const events = Array.from({ length: 300 }, (_, i) => thing(`s-${i % 7}`, i));
    for (let i = 0; i < events.length; i += 10) {
      await (i % 20 ? a : b).transaction(env.prisma, async (tx) => {
        for (const ev of events.slice(i, i + 10)) await publishInTx(tx, ev);
      });
    }
    await eventually(async () => expect(await unsentCount()).toBe(0), {
      within: 15_000,
      message: 'outbox drained',
    });
    await eventually(() => expect(seen.ids).toHaveLength(300), { within: 5_000 });
    expect(new Set(seen.ids).size).toBe(300);
    expect(new Set(seen.ids)).toEqual(new Set(events.map((e) => e.id)));
    expect([a.isLeader, b.isLeader].filter(Boolean)).toHaveLength(1);
  });

  it('keeps same-subject events in commit order across a handover between two relays', async () => {
    const seen = await recordDeliveries(env, 'order');
    const first = startRelay();
    const second = startRelay();
    const subjects = ['alpha', 'beta', 'gamma'];
    for (let n = 0; n < 150; n += 3) {
      await env.prisma.$transaction(async (tx) => {
        for (const [i, subject] of subjects.entries()) await publishInTx(tx, thing(subject, n + i));
      });
      first.wake();
      second.wake();
      // Halfway through, the leader stops and the other one must take over.
      if (n === 75) await (first.isLeader ? first : second).stop();
    }
    await eventually(async () => expect(await unsentCount()).toBe(0), {
      within: 15_000,
      message: 'outbox drained',
    });
    await eventually(() => expect(new Set(seen.ids).size).toBe(150), { within: 5_000 });
    for (const subject of subjects) {
      const order: number[] = [];
      for (const ev of seen.bodies)
        if (ev.subject === subject && !order.includes(ev.data.n)) order.push(ev.data.n);
      expect(order).toEqual([...order].sort((x, y) => x - y));
      expect(order).toHaveLength(50);
    }
  });

  it('publishes nothing from a rolled-back transaction', async () => {
    const seen = await recordDeliveries(env, 'rollback');
    const relay = startRelay();
    const kept = thing('rb', 1);
    const dropped = thing('rb', 2);
    await expect(
      relay.transaction(env.prisma, async (tx) => {
        await publishInTx(tx, dropped);
        throw new Error('business rule says no');
      }),
    ).rejects.toThrow('business rule says no');
    await relay.transaction(env.prisma, (tx) => publishInTx(tx, kept));
    await eventually(() => expect(seen.ids).toContain(kept.id), { within: 5_000 });
    expect(seen.ids).not.toContain(dropped.id);
  });

  it('parks an unroutable event after its last try, out of the claim and the lag, and re-sends it once a queue binds', async () => {
    // An exchange with no queue bound at all: the mandatory publish comes back.
    const lonely = `${env.exchange}.lonely`;
    await broker.withChannel((ch) => declareTopology(ch, { exchange: lonely }));
    const relay = startRelay({ exchange: lonely, maxPublishAttempts: 2 });
    const ev = createEvent({
      type: 'test.nobody.listens.v1',
      source: 'test',
      subject: 'x',
      data: {},
    });
    await relay.transaction(env.prisma, (tx) => publishInTx(tx, ev));
    // Tries at once and after the 1 s backoff, then parked.
    const row = await eventually(
      async () => {
        const found = await env.prisma.outboxEvent.findUniqueOrThrow({ where: { eventId: ev.id } });
        expect(found.parkedAt).not.toBeNull();
        return found;
      },
      { within: 10_000, message: 'event parked' },
    );
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(2);
    expect(row.lastError).toMatch(/unroutable/i);
    const failures = await env.metrics.getSingleMetricAsString(
      'kavosh_outbox_publish_failures_total',
    );
    expect(failures).toMatch(/reason="unroutable"} 2/);
    await eventually(async () => {
      expect(await env.metrics.getSingleMetricAsString('kavosh_outbox_parked_events')).toMatch(
        /kavosh_outbox_parked_events 1$/m,
      );
      // A parked row is no stall: the page alert's lag stays at 0.
      expect(await env.metrics.getSingleMetricAsString('kavosh_outbox_lag_seconds')).toMatch(
        /kavosh_outbox_lag_seconds 0$/m,
      );
    });
    // Not claimed again: its tries stay at 2.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(
      (await env.prisma.outboxEvent.findUniqueOrThrow({ where: { eventId: ev.id } })).attempts,
    ).toBe(2);
    expect(await listParked(env.prisma)).toEqual([
      expect.objectContaining({ eventId: ev.id, type: ev.type, attempts: 2 }),
    ]);

    // Its consumer is deployed: re-sent, it is published once.
    const ch = await env.amqp.createChannel();
    const bound = env.queue('parked-bound');
    await ch.assertQueue(bound, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await ch.bindQueue(bound, lonely, ev.type);
    expect(await resendParked(env.prisma, { eventId: ev.id })).toBe(1);
    await eventually(async () => expect((await ch.checkQueue(bound)).messageCount).toBe(1), {
      within: 5_000,
    });
    expect(
      (await env.prisma.outboxEvent.findUniqueOrThrow({ where: { eventId: ev.id } })).sentAt,
    ).not.toBeNull();
    expect(await listParked(env.prisma)).toEqual([]);
    await relay.stop();
    await ch.deleteQueue(bound);
    await ch.close();
    await env.prisma.outboxEvent.delete({ where: { eventId: ev.id } });
    await broker.withChannel((c) => c.deleteExchange(lonely));
  });

  it('claims through the index of its filter, in id order, without a sort', async () => {
    // Enough sent and parked rows that a plan without the index would scan them.
    const values: string[] = [];
    for (let i = 0; i < 4_000; i++) {
      const state = i % 4 === 0 ? 'NULL, NOW(3)' : i % 97 === 0 ? 'NULL, NULL' : 'NOW(3), NULL';
      values.push(`(UUID(), 'explain.test.v1', '{}', ${state})`);
    }
    for (let i = 0; i < values.length; i += 1_000) {
      await env.prisma.$executeRawUnsafe(
        `INSERT INTO outbox (event_id, type, envelope, sent_at, parked_at) VALUES ${values.slice(i, i + 1_000).join(',')}`,
      );
    }
    try {
      await env.prisma.$queryRawUnsafe('ANALYZE TABLE outbox');
      const plan = await env.prisma.$queryRawUnsafe<{ key: string | null; Extra: string | null }[]>(
        `EXPLAIN ${claimSql(0)}`,
        500,
      );
      expect(plan).toHaveLength(1);
      expect(plan[0]?.key).toBe('outbox_sent_at_parked_at_id_next_attempt_at_idx');
      expect(plan[0]?.Extra ?? '').not.toMatch(/filesort/i);
    } finally {
      await env.prisma.$executeRawUnsafe("DELETE FROM outbox WHERE type = 'explain.test.v1'");
    }
  });

  it('refuses the late writes of a relay whose cycle outlived its lease; the new holder keeps each subject in order', async () => {
    const seen = await recordDeliveries(env, 'fenced');
    // Relay A's publishes hang past its lease, then fail as a lost confirm would.
    const slow = await Broker.connect({ url: env.amqpUrl, name: `${env.prefix}-slow`, logger });
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hung = vi.spyOn(slow, 'publish').mockImplementation(async () => {
      await gate;
      throw new PublishNotConfirmedError('publish not confirmed in time');
    });
    const lines: string[] = [];
    const log = pino(
      { level: 'warn' },
      {
        write: (line: string) => void lines.push(String((JSON.parse(line) as { msg: string }).msg)),
      },
    );
    try {
      for (let n = 0; n < 5; n++) await produce(env.prisma, thing('fenced', n));
      const a = startRelay({ broker: slow, owner: 'relay-a', leaseTtlMs: 1_000, logger: log });
      await eventually(() => expect(hung).toHaveBeenCalled(), { within: 5_000 });
      const b = startRelay({ owner: 'relay-b', leaseTtlMs: 1_000 });
      await eventually(() => expect(b.isLeader).toBe(true), { within: 5_000 });
      for (let n = 5; n < 10; n++)
        await b.transaction(env.prisma, (tx) => publishInTx(tx, thing('fenced', n)));
      await eventually(async () => expect(await unsentCount()).toBe(0), { within: 5_000 });
      // A's cycle ends now: its "failed" marks carry the old generation and change nothing.
      release();
      await eventually(() => expect(lines).toContain('outbox event not accepted by the broker'), {
        within: 5_000,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const rows = await env.prisma.outboxEvent.findMany({
        where: { subject: 'fenced' },
        orderBy: { id: 'asc' },
      });
      expect(rows).toHaveLength(10);
      for (const row of rows) {
        expect(row.sentAt).not.toBeNull();
        expect(row.attempts).toBe(0);
        expect(row.lastError).toBeNull();
        expect(row.nextAttemptAt).toBeNull();
      }
      expect(lines).toContain('relay lease lost: its writes were refused');
      expect(a.isLeader).toBe(false);
      expect(b.isLeader).toBe(true);
      await eventually(() => expect(new Set(seen.ids).size).toBe(10), { within: 5_000 });
      const order = seen.bodies.filter((e) => e.subject === 'fenced').map((e) => e.data.n);
      expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      release();
      await Promise.all(relays.splice(0).map((r) => r.stop()));
      await slow.close();
    }
  });

  it('prunes sent rows older than the retention and reports the lag of the oldest unsent row', async () => {
    const old = thing('prune', 1);
    await produce(env.prisma, old);
    await env.prisma.$executeRawUnsafe(
      'UPDATE outbox SET sent_at = NOW(3) - INTERVAL 2 HOUR, created_at = NOW(3) - INTERVAL 2 HOUR WHERE event_id = ?',
      old.id,
    );
    const relay = startRelay({ retentionHours: 1 });
    const fresh = thing('prune', 2);
    await relay.transaction(env.prisma, (tx) => publishInTx(tx, fresh));
    await eventually(async () => expect(await unsentCount()).toBe(0), { within: 5_000 });
    // The leader prunes when it starts and then every pruneIntervalMs.
    await eventually(async () =>
      expect(await env.prisma.outboxEvent.count({ where: { eventId: old.id } })).toBe(0),
    );
    expect(await relay.prune()).toBe(0);
    expect(await env.prisma.outboxEvent.count({ where: { eventId: fresh.id } })).toBe(1);
    const lag = await env.metrics.getSingleMetricAsString('kavosh_outbox_lag_seconds');
    expect(lag).toMatch(/kavosh_outbox_lag_seconds \d/);
  });
});
