// The event path: producer commit → outbox relay → RabbitMQ quorum queue → consumer commit at 200
// and 1,000 events/s, next to a raw amqplib publish → consume baseline at the same rates and the
// relay's drain rate on a backlog, all in one run. Needs MariaDB and RabbitMQ running, and the
// messaging fixture client (`npx nx run messaging:generate`).
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { connect } from 'amqplib';
import { createConnection, createPool } from 'mariadb';
import { pino } from 'pino';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { Type } from 'typebox';
import {
  Broker,
  CloudEventEnvelope,
  OutboxRelay,
  createEvent,
  declareTopology,
  defineHandler,
  poolRunner,
  publishInTx,
  subscribe,
  type SqlExecutor,
} from '@kavosh/messaging';
import { readMessagingMigrations } from '@kavosh/messaging/testing';
import type { Benchmark, BenchContext, BenchResult } from './lib/types.js';
const ADMIN_URL = process.env.MYSQL_ADMIN_URL ?? 'mysql://root@127.0.0.1:3306';
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const RATES = [200, 1_000];
/** One event type per consumer variant, so each variant's queue gets only its own events. */
const POOL_TYPE = 'bench.thing.happened.v1';
const PRISMA_TYPE = 'bench.thing.recorded.v1';
const envelopeWith = (type: string) =>
  Type.Object({
    ...CloudEventEnvelope.properties,
    type: Type.Literal(type),
    data: Type.Object({ n: Type.Integer() }),
  });
const logger = pino({ level: 'warn' });

type Client = InstanceType<Awaited<ReturnType<typeof loadClient>>>;

async function loadClient() {
  try {
    // Messaging's own Prisma test fixture (messaging:generate), which no package exports: the
    // Prisma consumer variant runs on the very client messaging's tests use.
    // eslint-disable-next-line @nx/enforce-module-boundaries
    const mod = await import('../packages/messaging/test/fixtures/generated/client.js');
    return mod.PrismaClient;
  } catch (err) {
    throw new Error(
      'the messaging fixture Prisma client is missing: run `npx nx run messaging:generate`',
      { cause: err },
    );
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const round = (n: number): number => Math.round(n * 100) / 100;

interface Stats {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(s, 50)),
    p99: round(percentile(s, 99)),
    max: round(s.at(-1) ?? NaN),
    n: s.length,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Pacing {
  /** How late each event was started against its slot, ms. */
  lateness: Stats;
  /** Events started per second, first to last. */
  achievedPerS: number;
}

/**
 * Open-loop load: event i is due at start + i / rate, whatever happened to earlier ones (no
 * coordinated omission: a slow event does not delay the next). Sleeps until the next slot rather
 * than spinning (the cores are shared) and fires every slot that is due on waking; each slot's
 * lateness is recorded, so the pacing itself is measured, not assumed.
 */
async function paced(
  rate: number,
  seconds: number,
  tick: (i: number) => Promise<void>,
): Promise<Pacing> {
  const total = Math.round(rate * seconds);
  const slotMs = 1000 / rate;
  const lateness: number[] = [];
  const pending = new Set<Promise<void>>();
  const start = performance.now();
  let lastFired = start;
  for (let i = 0; i < total;) {
    const now = performance.now();
    for (; i < total && start + i * slotMs <= now; i++) {
      lateness.push(now - (start + i * slotMs));
      lastFired = now;
      const p = tick(i).finally(() => pending.delete(p));
      pending.add(p);
    }
    if (i < total) await sleep(Math.max(1, start + i * slotMs - performance.now()));
  }
  await Promise.all(pending);
  return {
    lateness: stats(lateness),
    achievedPerS: Math.round((total - 1) / ((lastFired - start) / 1000)),
  };
}

async function until(
  check: () => boolean | Promise<boolean>,
  withinMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** CPU time (user + system, µs) of MariaDB and RabbitMQ on this machine, read from /proc. */
async function serverPids(): Promise<{ name: string; pid: string }[]> {
  const found: { name: string; pid: string }[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (name === 'mariadbd' || name === 'mysqld' || name === 'beam.smp')
        found.push({ name, pid });
    } catch {
      // The process ended while we listed /proc.
    }
  }
  return found;
}

function cpuMicrosOf(pid: string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime (fields 14 and 15) in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0;
  }
}

/** CPU used by this process (producer + relay + consumer) and by the database and broker. */
function cpuMeter(servers: { name: string; pid: string }[]): () => Record<string, number> {
  const self0 = process.cpuUsage();
  const start = servers.map((s) => cpuMicrosOf(s.pid));
  return () => {
    const self = process.cpuUsage(self0);
    const out: Record<string, number> = { node: self.user + self.system };
    servers.forEach((s, i) => {
      const key = s.name === 'beam.smp' ? 'rabbitmq' : 'mariadb';
      out[key] = (out[key] ?? 0) + cpuMicrosOf(s.pid) - (start[i] ?? 0);
    });
    return out;
  };
}

const perEvent = (cpu: Record<string, number>, events: number): string =>
  Object.entries(cpu)
    .map(([k, us]) => `${k} ${Math.round(us / events)}`)
    .join(', ');

async function rawBaseline(
  rate: number,
  seconds: number,
  queue: string,
): Promise<{ latency: Stats; pacing: Pacing }> {
  const conn = await connect(AMQP_URL, { noDelay: true });
  const pub = await conn.createConfirmChannel();
  const sub = await conn.createChannel();
  await pub.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  await sub.prefetch(50);
  await sub.consume(queue, (msg) => {
    if (!msg) return;
    const t0 = sentAt.get(String(msg.properties.messageId));
    if (t0 !== undefined) latencies.push(performance.now() - t0);
    sub.ack(msg);
  });
  const body = Buffer.from(
    JSON.stringify(createEvent({ type: POOL_TYPE, source: 'bench', subject: 's', data: { n: 0 } })),
  );
  // Publish and move on (confirms are awaited by the pacer, not before the next publish), as the
  // relay does; the clock starts at the publish call.
  const pacing = await paced(rate, seconds, async (i) => {
    const id = String(i);
    sentAt.set(id, performance.now());
    await new Promise<void>((resolve, reject) =>
      pub.publish('', queue, body, { persistent: true, messageId: id }, (err: unknown) =>
        err ? reject(new Error(String(err))) : resolve(),
      ),
    );
  });
  await until(() => latencies.length >= Math.round(rate * seconds), 30_000, 'raw consumer');
  await pub.deleteQueue(queue);
  await conn.close();
  return { latency: stats(latencies), pacing };
}

interface Sample {
  at: number;
  ms: number;
  toBrokerMs: number;
}

interface PathResult {
  all: Stats;
  /** Commit → the broker delivering the event (to a tap queue beside the consumer's). */
  toBroker: Stats;
  warm: Stats;
  pacing: Pacing;
  producerErrors: number;
  cpuPerEvent: string;
}

async function run(ctx: BenchContext): Promise<BenchResult> {
  const PrismaClient = await loadClient();
  const seconds = ctx.quick ? 3 : 10;
  const backlog = ctx.quick ? 5_000 : 50_000;
  const suffix = randomBytes(3).toString('hex');
  const dbName = `bench_event_path_${suffix}`;
  const admin = new URL(ADMIN_URL);
  const base = {
    host: admin.hostname,
    port: Number(admin.port || 3306),
    user: decodeURIComponent(admin.username),
    password: decodeURIComponent(admin.password),
  };
  const adminConn = await createConnection({ ...base, multipleStatements: true });
  await adminConn.query(
    `CREATE DATABASE ${dbName} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await adminConn.query(`USE ${dbName}`);
  for (const m of await readMessagingMigrations()) await adminConn.query(m.sql);
  await adminConn.query(
    'CREATE TABLE effects (id BIGINT AUTO_INCREMENT PRIMARY KEY, event_id CHAR(36) NOT NULL UNIQUE, subject VARCHAR(200) NULL, created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))',
  );
  const dbUrl = `mariadb://${base.user}${base.password ? `:${base.password}` : ''}@${base.host}:${base.port}/${dbName}`;
  // Producer, relay and consumer each have their own pool, as in a service with its relay and
  // another with its consumer. The relay and the main consumer run on raw mariadb pools (their
  // SQL is raw anyway); a second consumer on Prisma shows what a service's Prisma handlers cost.
  const pools = [0, 1, 2].map(() => createPool({ ...base, database: dbName, connectionLimit: 8 }));
  const [producerPool, relayPool, consumerPool] = pools;
  if (!producerPool || !relayPool || !consumerPool) throw new Error('pools not created');
  const producerDb = poolRunner(producerPool);
  const relayDb = poolRunner(relayPool);
  const consumerDb = poolRunner(consumerPool);
  const prismaDb: Client = new PrismaClient({ adapter: new PrismaMariaDb(dbUrl) });
  const exchange = `bench.${suffix}.events`;
  const queues = [`bench-${suffix}.pool`, `bench-${suffix}.prisma`];
  const broker = await Broker.connect({ url: AMQP_URL, name: `bench-${suffix}`, logger });
  await broker.withChannel((ch) => declareTopology(ch, { exchange }));
  const relay = new OutboxRelay({ prisma: relayDb, broker, logger, exchange, pollIntervalMs: 50 });
  // A tap: a plain auto-ack queue on the same exchange records when the broker delivers each event,
  // which splits the path into commit → delivery (relay + broker) and delivery → consumer commit.
  const tapConn = await connect(AMQP_URL, { noDelay: true });
  const tap = await tapConn.createChannel();
  const { queue: tapQueue } = await tap.assertQueue('', { exclusive: true, autoDelete: true });
  await tap.bindQueue(tapQueue, exchange, '#');
  const deliveredAt = new Map<string, number>();
  await tap.consume(
    tapQueue,
    (msg) => {
      if (msg) deliveredAt.set(String(msg.properties.messageId), performance.now());
    },
    { noAck: true },
  );
  const committedAt = new Map<string, { t: number; sink: Sample[] }>();
  const onHandled = (event: { id: string }): void => {
    const c = committedAt.get(event.id);
    if (!c) return;
    committedAt.delete(event.id);
    const delivered = deliveredAt.get(event.id);
    deliveredAt.delete(event.id);
    c.sink.push({
      at: c.t,
      ms: performance.now() - c.t,
      toBrokerMs: delivered === undefined ? NaN : delivered - c.t,
    });
  };
  const effect = async (event: { id: string; subject?: string }, tx: SqlExecutor) => {
    await tx.$executeRawUnsafe(
      'INSERT INTO effects (event_id, subject) VALUES (?, ?)',
      event.id,
      event.subject ?? null,
    );
  };
  const common = { exchange, logger, prefetch: 100, maxBatch: 50, onHandled };
  const consumers = [
    await subscribe(broker, {
      ...common,
      queue: queues[0] ?? '',
      prisma: consumerDb,
      concurrency: 2,
      handlers: { [POOL_TYPE]: defineHandler(envelopeWith(POOL_TYPE), effect) },
    }),
    await subscribe(broker, {
      ...common,
      queue: queues[1] ?? '',
      prisma: prismaDb,
      concurrency: 2,
      handlers: { [PRISMA_TYPE]: defineHandler(envelopeWith(PRISMA_TYPE), effect) },
    }),
  ];
  const servers = await serverPids();

  /** Produces `rate` events/s of `type` for `seconds` and waits until each is consumed. */
  async function eventPath(type: string, rate: number): Promise<PathResult> {
    const sink: Sample[] = [];
    let producerErrors = 0;
    const cpu = cpuMeter(servers);
    const start = performance.now();
    const pacing = await paced(rate, seconds, async (i) => {
      const ev = createEvent({ type, source: 'bench', subject: `s-${i % 100}`, data: { n: i } });
      // One commit per event (an autocommit INSERT), then the in-process wake-up, as
      // relay.transaction does after a service's transaction.
      try {
        await publishInTx(producerDb, ev);
      } catch (err) {
        // An overloaded database is a result to report, not a reason to stop.
        producerErrors += 1;
        if (producerErrors === 1)
          ctx.log(`producer error: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      committedAt.set(ev.id, { t: performance.now(), sink });
      relay.wake();
    });
    const produced = Math.round(rate * seconds) - producerErrors;
    await until(() => sink.length >= produced, 180_000, `every ${type} consumed`);
    const used = cpu();
    return {
      all: stats(sink.map((l) => l.ms)),
      toBroker: stats(sink.map((l) => l.toBrokerMs).filter((ms) => !Number.isNaN(ms))),
      warm: stats(sink.filter((l) => l.at - start >= 1000).map((l) => l.ms)),
      pacing,
      producerErrors,
      cpuPerEvent: perEvent(used, produced),
    };
  }

  try {
    const raw: Record<number, { latency: Stats; pacing: Pacing }> = {};
    for (const rate of RATES) {
      ctx.log(`raw amqplib publish → consume at ${rate}/s for ${seconds} s`);
      raw[rate] = await rawBaseline(rate, seconds, `bench-${suffix}.raw`);
    }
    relay.start();
    const path: Record<string, PathResult> = {};
    for (const rate of RATES) {
      ctx.log(`commit → consumer commit (pool consumer) at ${rate}/s for ${seconds} s`);
      path[`pool-${rate}`] = await eventPath(POOL_TYPE, rate);
    }
    ctx.log(`commit → consumer commit (Prisma consumer) at 1000/s for ${seconds} s`);
    path['prisma-1000'] = await eventPath(PRISMA_TYPE, 1_000);

    ctx.log(`relay drain of ${backlog} rows (consumers stopped)`);
    for (const consumer of consumers) await consumer.stop();
    await relay.stop();
    const envelope = (n: number): string =>
      JSON.stringify(
        createEvent({
          id: randomUUID(),
          type: POOL_TYPE,
          source: 'bench',
          subject: `s-${n % 100}`,
          data: { n },
        }),
      );
    for (let i = 0; i < backlog; i += 1_000) {
      const rows = Array.from({ length: 1_000 }, (_, k) => {
        const env = envelope(i + k);
        return [JSON.parse(env).id, POOL_TYPE, `s-${(i + k) % 100}`, env];
      });
      await adminConn.batch(
        'INSERT INTO outbox (event_id, type, subject, envelope) VALUES (?, ?, ?, ?)',
        rows,
      );
    }
    const drainRelay = new OutboxRelay({
      prisma: relayDb,
      broker,
      logger,
      exchange,
      pollIntervalMs: 50,
    });
    const drainCpu = cpuMeter(servers);
    const t0 = performance.now();
    drainRelay.start();
    await until(
      async () => {
        const [row] = await adminConn.query(
          'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL',
        );
        return Number(row.n) === 0;
      },
      120_000,
      'the relay to drain the backlog',
    );
    const drainPerS = Math.round(backlog / ((performance.now() - t0) / 1000));
    const drainCpuPerEvent = perEvent(drainCpu(), backlog);
    await drainRelay.stop();

    const figures: Record<string, number | string> = { relay_drain_per_s: drainPerS };
    const rows: (string | number)[][] = [];
    for (const rate of RATES) {
      const r = raw[rate];
      if (!r) continue;
      figures[`raw_${rate}_p50_ms`] = r.latency.p50;
      figures[`raw_${rate}_p99_ms`] = r.latency.p99;
      rows.push([
        `raw amqplib publish → consume, ${rate}/s`,
        r.latency.p50,
        r.latency.p99,
        r.latency.max,
        r.latency.n,
        r.pacing.achievedPerS,
        r.pacing.lateness.p99,
        '-',
        '-',
      ]);
    }
    for (const [key, label] of [
      ['pool-200', 'commit → consumer commit, 200/s'],
      ['pool-1000', 'commit → consumer commit, 1000/s'],
      ['prisma-1000', 'same, consumer on Prisma, 1000/s'],
    ] as const) {
      const r = path[key];
      if (!r) continue;
      const k = key.replace('-', '_');
      figures[`e2e_${k}_p50_ms`] = r.all.p50;
      figures[`e2e_${k}_p99_ms`] = r.all.p99;
      figures[`e2e_${k}_warm_p50_ms`] = r.warm.p50;
      figures[`e2e_${k}_warm_p99_ms`] = r.warm.p99;
      figures[`e2e_${k}_producer_errors`] = r.producerErrors;
      figures[`e2e_${k}_cpu_us_per_event`] = r.cpuPerEvent;
      const goal = key.endsWith('1000') ? 'p50 < 5, p99 < 25' : '-';
      rows.push(
        [
          `${label}, whole run`,
          r.all.p50,
          r.all.p99,
          r.all.max,
          r.all.n,
          r.pacing.achievedPerS,
          r.pacing.lateness.p99,
          r.cpuPerEvent,
          goal,
        ],
        [`  after 1 s warm-up`, r.warm.p50, r.warm.p99, r.warm.max, r.warm.n, '', '', '', goal],
        [
          `  of which commit → broker delivery`,
          r.toBroker.p50,
          r.toBroker.p99,
          r.toBroker.max,
          r.toBroker.n,
          '',
          '',
          '',
          '',
        ],
      );
      figures[`e2e_${k}_to_broker_p50_ms`] = r.toBroker.p50;
      figures[`e2e_${k}_to_broker_p99_ms`] = r.toBroker.p99;
    }
    rows.push([
      `relay drain, ${backlog} rows: ${drainPerS} events/s`,
      '-',
      '-',
      '-',
      backlog,
      '-',
      '-',
      drainCpuPerEvent,
      '≥ 5,000/s',
    ]);
    return {
      figures,
      table: {
        columns: [
          'measurement',
          'p50 ms',
          'p99 ms',
          'max ms',
          'events',
          'paced /s',
          'late p99 ms',
          'CPU µs/event',
          'goal',
        ],
        rows,
      },
      notes: [
        'open-loop pacing: event i is due at i / rate; "paced /s" is the rate achieved, "late p99" how late events started against their slot',
        'producer: one autocommit outbox INSERT per event on a raw mariadb pool, relay woken in-process after each commit (50 ms poll as fallback)',
        'relay: raw mariadb pool, batch 500; consumers: prefetch 100, group commit ≤ 50 events per transaction, 2 lanes by subject; one multi-row inbox INSERT per transaction',
        'everything (MariaDB, RabbitMQ, producer, relay, consumer) shares this machine, and other work may be running on it: compare rows of one run, not absolutes',
        'CPU µs/event: "node" is this process (producer + relay + consumers); "mariadb" and "rabbitmq" are the whole servers, other clients included',
      ],
    };
  } finally {
    for (const consumer of consumers) await consumer.stop();
    await relay.stop();
    await broker.withChannel(async (ch) => {
      for (const queue of queues)
        for (const q of [
          queue,
          `${queue}.dlq`,
          ...[1000, 10000, 60000, 600000].map((d) => `${queue}.retry.${d}ms`),
        ])
          await ch.deleteQueue(q);
      await ch.deleteExchange(exchange);
    });
    await broker.close();
    await tapConn.close();
    await prismaDb.$disconnect();
    for (const pool of pools) await pool.end();
    await adminConn.query(`DROP DATABASE ${dbName}`);
    await adminConn.end();
  }
}

export const benchmark: Benchmark = {
  name: 'event-path',
  description:
    'Outbox → RabbitMQ → inbox consumer: commit-to-commit latency at 200 and 1,000 events/s, relay drain rate, raw amqplib baseline',
  run,
};
