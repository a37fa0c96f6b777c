import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';

/** Timeouts of the cache's Redis: a slow Redis costs a read this long at most, then MySQL answers. */
export interface CacheRedisOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/**
 * The cache's own connection. No offline queue and no per-command retries: while Redis is away a
 * command fails at once and the read goes to MySQL. Reconnects in the background, backing off to
 * 2 s, forever. Connects lazily; `connect()` on it is the caller's to start.
 */
export function createCacheRedis(url: string, opts: CacheRedisOptions): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: opts.connectTimeoutMs,
    commandTimeout: opts.commandTimeoutMs,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
    connectionName: 'kavosh-catalog-cache',
  });
}

/** A Lua script run by its SHA, loaded on the first NOSCRIPT (after a Redis restart, too). */
export function luaScript(source: string) {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown> => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}
