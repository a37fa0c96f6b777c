import { connect, type ChannelModel } from 'amqplib';
import { createConnection } from 'mariadb';
import { pino, type Logger } from 'pino';
import { Registry } from 'prom-client';
import { Type } from 'typebox';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import {
  connectionConfig,
  createTestDatabase,
  getInfra,
  uniquePrefix,
  type TestDatabase,
} from '@kavosh/testing';
import { PrismaClient } from '../fixtures/generated/client.js';
import {
  amqpUser,
  CloudEventEnvelope,
  createEvent,
  defineHandler,
  publishInTx,
  type CloudEvent,
} from '../../src/index.js';
import { readMessagingMigrations } from '../../src/testing.js';

export const THING_HAPPENED = 'test.thing.happened.v1';

/** The test event: data { n } — a sequence number within its subject. */
export const ThingHappened = Type.Object({
  ...CloudEventEnvelope.properties,
  type: Type.Literal(THING_HAPPENED),
  data: Type.Object({ n: Type.Integer() }),
});

export const logger: Logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

const EFFECTS_SQL = `CREATE TABLE effects (
  id BIGINT NOT NULL AUTO_INCREMENT,
  event_id CHAR(36) NOT NULL,
  subject VARCHAR(200) NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE INDEX effects_event_id_key (event_id),
  PRIMARY KEY (id)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

/** The mariadb connector (under Prisma's adapter) wants mariadb:// URLs. */
export function mariadbUrl(url: string): string {
  return url.replace(/^mysql:/, 'mariadb:');
}

export function createPrisma(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaMariaDb(mariadbUrl(url)) });
}

export type TestPrisma = PrismaClient;

/** A fresh database with the canonical messaging tables plus `effects`, a prefix and an exchange name. */
export interface Env {
  db: TestDatabase;
  prisma: PrismaClient;
  amqpUrl: string;
  /** The user amqpUrl connects as: the user_id a raw test publish must carry to be accepted. */
  user: string;
  prefix: string;
  exchange: string;
  metrics: Registry;
  /** A raw connection for assertions and cleanup. */
  amqp: ChannelModel;
  queue(purpose: string): string;
  /** A separate exchange, so that tests in one file do not receive each other's events. */
  exchangeFor(purpose: string): string;
  close(): Promise<void>;
}

export async function createEnv(label: string): Promise<Env> {
  const infra = await getInfra();
  const db = await createTestDatabase({ label: `messaging_${label}` });
  const migrations = await readMessagingMigrations();
  const conn = await createConnection(connectionConfig(db.url, { multipleStatements: true }));
  try {
    for (const m of migrations) await conn.query(m.sql);
    await conn.query(EFFECTS_SQL);
  } finally {
    await conn.end();
  }
  const prefix = uniquePrefix(`msg-${label}`);
  const exchange = `${prefix}.events`;
  const amqp = await connect(infra.amqpUrl);
  const declaredQueues: string[] = [];
  const exchanges = [exchange];
  const prisma = createPrisma(db.url);
  return {
    db,
    prisma,
    amqpUrl: infra.amqpUrl,
    user: amqpUser(infra.amqpUrl),
    prefix,
    exchange,
    metrics: new Registry(),
    amqp,
    queue(purpose) {
      const name = `${prefix}.${purpose}`;
      declaredQueues.push(name);
      return name;
    },
    exchangeFor(purpose) {
      const name = `${exchange}.${purpose}`;
      exchanges.push(name);
      return name;
    },
    async close() {
      await prisma.$disconnect();
      const ch = await amqp.createChannel();
      // Each consumer queue comes with retry queues and a DLQ; delete them all.
      for (const q of declaredQueues) {
        for (const suffix of [
          '',
          '.dlq',
          '.retry.50ms',
          '.retry.100ms',
          '.retry.1000ms',
          '.retry.10000ms',
          '.retry.60000ms',
          '.retry.600000ms',
        ]) {
          await ch.deleteQueue(q + suffix);
        }
      }
      for (const x of exchanges) await ch.deleteExchange(x);
      await ch.close();
      await amqp.close();
      await db.drop();
    },
  };
}

export function thing(subject: string, n: number): CloudEvent<{ n: number }> {
  return createEvent({ type: THING_HAPPENED, source: 'test', subject, data: { n } });
}

/** Writes one event in its own (autocommit) statement, as a producer's transaction would. */
export async function produce(prisma: PrismaClient, event: CloudEvent): Promise<void> {
  await publishInTx(prisma, event);
}

/** The handler every consumer test uses: one `effects` row per event (unique per event id). */
export function effectHandler(
  hook?: (event: { id: string; data: { n: number } }) => Promise<void>,
) {
  return defineHandler(
    ThingHappened,
    async (event, tx: Pick<PrismaClient, '$executeRawUnsafe'>) => {
      await tx.$executeRawUnsafe(
        'INSERT INTO effects (event_id, subject) VALUES (?, ?)',
        event.id,
        event.subject ?? null,
      );
      await hook?.(event);
    },
  );
}

export async function countEffects(prisma: PrismaClient): Promise<number> {
  return prisma.effect.count();
}

/** Binds a queue to every routing key of the exchange and records each delivery's message id, in order. */
export async function recordDeliveries(
  env: Env,
  purpose: string,
): Promise<{ ids: string[]; bodies: CloudEvent<{ n: number }>[] }> {
  const ch = await env.amqp.createChannel();
  const queue = env.queue(purpose);
  await ch.assertExchange(env.exchange, 'topic', { durable: true });
  await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await ch.bindQueue(queue, env.exchange, '#');
  const out = { ids: [] as string[], bodies: [] as CloudEvent<{ n: number }>[] };
  await ch.consume(queue, (msg) => {
    if (!msg) return;
    out.ids.push(String(msg.properties.messageId));
    const parsed: CloudEvent<{ n: number }> = JSON.parse(msg.content.toString('utf8'));
    out.bodies.push(parsed);
    ch.ack(msg);
  });
  return out;
}
