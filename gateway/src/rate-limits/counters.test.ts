import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getInfra, TcpProxy, uniquePrefix } from '@kavosh/testing';
import { SharedCounters, type CountResult } from './counters.js';

const BATCHED = { exact: false, failOpen: true };
const WINDOW_MS = 600_000;

describe('SharedCounters', () => {
  let redis: Redis;
  const open: { counters: SharedCounters; redis?: Redis }[] = [];

  const countersOn = (
    client: Redis,
    prefix: string,
    opts: { syncEvery?: number; maxKeys?: number } = {},
  ) => {
    const counters = new SharedCounters(client, {
      prefix,
      syncEvery: opts.syncEvery ?? 5,
      // Long: only syncEvery and flush() sync here, so each test decides when Redis is told.
      syncIntervalMs: 10_000,
      maxKeys: opts.maxKeys ?? 1_000,
    });
    open.push({ counters });
    return counters;
  };
  const count = (counters: SharedCounters, key: string, mode = BATCHED) =>
    new Promise<CountResult>((resolve, reject) =>
      counters.count(key, WINDOW_MS, mode, (err, result) =>
        err || !result ? reject(err ?? new Error('no result')) : resolve(result),
      ),
    );
  const stored = async (key: string) => Number(await redis.get(key));

  beforeAll(async () => {
    redis = new Redis((await getInfra()).redisUrl);
  });
  afterAll(async () => {
    for (const { counters, redis: own } of open) {
      counters.close();
      own?.disconnect();
    }
    redis?.disconnect();
  });

  it('when a key reaches syncEvery, then its count is added to Redis in one go', async () => {
    const prefix = `${uniquePrefix('gw-counters')}:`;
    const counters = countersOn(redis, prefix);
    for (let i = 1; i <= 4; i++) expect((await count(counters, 'k')).current).toBe(i);
    expect(await redis.exists(`${prefix}k`)).toBe(0);
    await count(counters, 'k');
    await eventually(async () => expect(await stored(`${prefix}k`)).toBe(5));
    const ttl = await redis.pttl(`${prefix}k`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(WINDOW_MS);
  });

  it("when two processes share a key, then each learns the other's count at its next sync", async () => {
    const prefix = `${uniquePrefix('gw-counters')}:`;
    const [a, b] = [countersOn(redis, prefix), countersOn(redis, prefix)];
    for (let i = 0; i < 3; i++) await count(a, 'shared');
    await a.flush();
    await count(b, 'shared');
    await b.flush();
    // b now knows a's 3 and its own 1.
    expect((await count(b, 'shared')).current).toBe(5);
    expect(await stored(`${prefix}shared`)).toBe(4);
  });

  it('when exact, then every count is a Redis round trip with the shared total', async () => {
    const prefix = `${uniquePrefix('gw-counters')}:`;
    const [a, b] = [countersOn(redis, prefix), countersOn(redis, prefix)];
    const exact = { exact: true, failOpen: false };
    expect((await count(a, 'login', exact)).current).toBe(1);
    expect((await count(b, 'login', exact)).current).toBe(2);
    expect((await count(a, 'login', exact)).current).toBe(3);
    expect(await stored(`${prefix}login`)).toBe(3);
  });

  it('when Redis is cut, then batched counts go on locally and reach Redis once it is back', async () => {
    const proxy = await TcpProxy.start({ target: (await getInfra()).redisUrl });
    const client = new Redis(proxy.rewrite((await getInfra()).redisUrl), {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const prefix = `${uniquePrefix('gw-counters')}:`;
      const counters = countersOn(client, prefix, { syncEvery: 2 });
      open.push({ counters, redis: client });
      proxy.cut();
      for (let i = 1; i <= 4; i++) expect((await count(counters, 'k')).current).toBe(i);
      await counters.flush();
      expect(counters.redisDown).toBe(true);
      // Fail-closed keys are refused while Redis is down.
      await expect(count(counters, 'closed', { exact: false, failOpen: false })).rejects.toThrow();

      proxy.restore();
      await eventually(
        async () => {
          await counters.flush();
          expect(counters.redisDown).toBe(false);
        },
        { within: 15_000 },
      );
      expect(await stored(`${prefix}k`)).toBe(4);
    } finally {
      await proxy.close();
    }
  });

  it('when more keys than maxKeys are counted, then the oldest is dropped but its count still syncs', async () => {
    const prefix = `${uniquePrefix('gw-counters')}:`;
    const counters = countersOn(redis, prefix, { maxKeys: 2 });
    await count(counters, 'first');
    await count(counters, 'second');
    await count(counters, 'third');
    expect(counters.size).toBe(2);
    await counters.flush();
    expect(await stored(`${prefix}first`)).toBe(1);
    expect(await stored(`${prefix}third`)).toBe(1);
  });
});
