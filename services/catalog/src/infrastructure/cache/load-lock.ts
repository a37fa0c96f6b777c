import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript } from './redis.js';

// Deletes the lock only if it still holds our token: after a slow load it may be someone else's.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
const POLL_MS = 20;

/**
 * Cross-process single flight for one cache key: the first process to miss takes a short lock
 * and loads; the others poll for the entry it stores, for at most `waitMs`, then load anyway.
 * Waiting under the same key is safe: the key holds the generations every waiter read, so the
 * entry stored there was loaded after any write those generations include.
 */
export function createLoadLock(opts: { redis: Redis; lockTtlMs: number; waitMs: number }) {
  const { redis } = opts;
  const release = luaScript(RELEASE_SCRIPT);
  const lockKeyOf = (entryKey: string) => `${entryKey}:loading`;
  return {
    /** A token when this process holds the lock now, null when another process does. */
    async acquire(entryKey: string): Promise<string | null> {
      const token = randomUUID();
      const set = await redis.set(lockKeyOf(entryKey), token, 'PX', opts.lockTtlMs, 'NX');
      return set === 'OK' ? token : null;
    },
    /** The entry another process stores while this one waits, or null after waitMs. */
    async waitForEntry(entryKey: string): Promise<string | null> {
      const deadline = Date.now() + opts.waitMs;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const entry = await redis.get(entryKey);
        if (entry !== null) return entry;
        if ((await redis.exists(lockKeyOf(entryKey))) === 0) return null; // it gave up
      }
      return null;
    },
    async release(entryKey: string, token: string): Promise<void> {
      await release(redis, [lockKeyOf(entryKey)], [token]);
    },
  };
}
export type LoadLock = ReturnType<typeof createLoadLock>;
