import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { eventually } from '@kavosh/testing';
import { createCacheRedis, createCatalogCache } from '../infrastructure/cache/index.js';
import { createDatabase, type Database } from '../db.js';
import { startCatalog } from '../../test/helper.js';
import { eventPublisher, type EventPublisher } from '../../test/events.js';
import { QUEUES } from '../consumers.js';

const CHANGED = 'social.rating.changed.v1';

let svc: Awaited<ReturnType<typeof startCatalog>>;
let db: Database;
let events: EventPublisher;

beforeAll(async () => {
  svc = await startCatalog();
  db = createDatabase(svc.databaseUrl);
  events = await eventPublisher(svc);
});
afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await svc?.close();
});

async function movie(): Promise<string> {
  const id = randomUUID();
  await db.movie.create({
    data: {
      id,
      slug: `rated-${id}`,
      title: 'Rated',
      synopsis: 'A movie people rate.',
      year: 2020,
      streamKey: `${id}/movie.mp4`,
      status: 'published',
    },
  });
  return id;
}

/** The aggregate social publishes: count, sum and average as of a time. */
const aggregate = (movieId: string, ratingCount: number, ratingSum: number, asOf: Date) =>
  events.event(CHANGED, movieId, {
    movieId,
    ratingCount,
    ratingSum,
    averageRating: ratingCount === 0 ? null : ratingSum / ratingCount,
    asOf: asOf.toISOString(),
  });

async function deliver(...list: ReturnType<typeof aggregate>[]): Promise<void> {
  for (const event of list) await events.publish(event);
  for (const event of list) await events.handled(db, QUEUES.ratings, event.id);
}

const ratingOf = async (id: string) => {
  const row = await db.movie.findUniqueOrThrow({
    where: { id },
    select: {
      ratingCount: true,
      ratingSum: true,
      ratingAverage: true,
      ratingAsOf: true,
      version: true,
    },
  });
  return {
    ...row,
    ratingSum: Number(row.ratingSum),
    ratingAverage: row.ratingAverage?.toString() ?? null,
  };
};

const at = (second: number) => new Date(Date.UTC(2026, 10, 29, 12, 0, second));

describe('ratings projection (social.rating.changed.v1 over RabbitMQ)', () => {
  it('sets the aggregate, recomputing the average to two decimals, and leaves the version alone', async () => {
    const id = await movie();
    await deliver(aggregate(id, 3, 22, at(1)));
    expect(await ratingOf(id)).toEqual({
      ratingCount: 3,
      ratingSum: 22,
      ratingAverage: '7.33',
      ratingAsOf: at(1),
      version: 1,
    });
  });

  it('applies a redelivered event once and ignores an older aggregate that arrives late', async () => {
    const id = await movie();
    const newer = aggregate(id, 2, 17, at(5));
    const older = aggregate(id, 1, 9, at(4));
    await deliver(newer, newer, older);
    expect(await ratingOf(id)).toMatchObject({ ratingCount: 2, ratingSum: 17, ratingAsOf: at(5) });
    expect(await db.inboxEvent.count({ where: { eventId: newer.id } })).toBe(1);
    // A later aggregate still applies, back to no ratings at all.
    await deliver(aggregate(id, 0, 0, at(6)));
    expect(await ratingOf(id)).toMatchObject({ ratingCount: 0, ratingSum: 0, ratingAverage: null });
  });

  it('invalidates the cached movie once the new aggregate is committed', async () => {
    // A second cache on the app's Redis keys: it sees the counters the app's consumer bumps.
    const redis = createCacheRedis(svc.infra.redisUrl, {
      connectTimeoutMs: 2_000,
      commandTimeoutMs: 2_000,
    });
    await redis.connect();
    const cache = createCatalogCache({
      redis,
      keyPrefix: `${svc.prefix}:cache:`,
      ttlSeconds: 300,
      policy: { maxAgeSeconds: 30, staleWhileRevalidateSeconds: 60 },
      logger: pino({ level: 'silent' }),
    });
    try {
      const id = await movie();
      const read = () =>
        cache.read({ kind: 'movie', ref: id }, async () => ({
          body: JSON.stringify(id),
          movieId: id,
        }));
      expect((await read()).result).toBe('miss');
      expect((await read()).result).toBe('hit');
      await deliver(aggregate(id, 4, 30, at(1)));
      // onHandled runs right after the commit and ack: the bump follows within moments.
      await eventually(async () => expect((await read()).result).toBe('miss'));
    } finally {
      await cache.close();
    }
  });

  it('acks and drops the aggregate of a movie catalog does not have', async () => {
    const unknown = aggregate(randomUUID(), 1, 8, at(1));
    await deliver(unknown);
    expect(await events.dlqDepth(QUEUES.ratings)).toBe(0);
  });

  it('dead-letters a malformed aggregate and keeps consuming', async () => {
    const id = await movie();
    const bad = aggregate(id, 1, 8, at(1));
    await events.publish({ ...bad, data: { ...bad.data, ratingCount: -1 } });
    await eventually(async () => expect(await events.dlqDepth(QUEUES.ratings)).toBe(1), {
      within: 15_000,
    });
    await deliver(aggregate(id, 1, 8, at(2)));
    expect(await ratingOf(id)).toMatchObject({ ratingCount: 1, ratingAverage: '8' });
  });
});
