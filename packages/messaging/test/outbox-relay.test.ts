import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import { Broker, OutboxRelay, createEvent, declareTopology, publishInTx } from '../src/index.js';
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

  it('keeps an unroutable event unsent with its error and counts it', async () => {
    // An exchange with no queue bound at all: the mandatory publish comes back.
    const lonely = `${env.exchange}.lonely`;
    await broker.withChannel((ch) => declareTopology(ch, { exchange: lonely }));
    const relay = startRelay({ exchange: lonely });
    const ev = createEvent({
      type: 'test.nobody.listens.v1',
      source: 'test',
      subject: 'x',
      data: {},
    });
    await relay.transaction(env.prisma, (tx) => publishInTx(tx, ev));
    const row = await eventually(
      async () => {
        const rows = await env.prisma.outboxEvent.findUniqueOrThrow({ where: { eventId: ev.id } });
        expect(rows.attempts).toBeGreaterThan(0);
        return rows;
      },
      { within: 5_000, message: 'publish attempted' },
    );
    expect(row.sentAt).toBeNull();
    expect(row.lastError).toMatch(/unroutable/i);
    const metric = await env.metrics.getSingleMetricAsString(
      'kavosh_outbox_publish_failures_total',
    );
    expect(metric).toMatch(/reason="unroutable"} [1-9]/);
    await relay.stop();
    await env.prisma.outboxEvent.delete({ where: { eventId: ev.id } });
    await broker.withChannel((ch) => ch.deleteExchange(lonely));
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
