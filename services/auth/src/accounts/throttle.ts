import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { TooManyAttempts } from './errors.js';

export interface ThrottleRules {
  /** Failures allowed before the first lock. */
  accountFreeFailures: number;
  ipFreeFailures: number;
  /** Failures are forgotten after this long without another. */
  windowSeconds: number;
  maxLockSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleRules = {
  accountFreeFailures: 5,
  ipFreeFailures: 20,
  windowSeconds: 15 * 60,
  maxLockSeconds: 15 * 60,
};

// Account keys hash the email so Redis holds no personal data.
const digest = (value: string): string =>
  createHash('sha256').update(value).digest('hex').slice(0, 32);

/**
 * Failed-login throttling in Redis, per account and per IP: after the free failures each further
 * failure locks that key for 2, 4, 8 … seconds (at most maxLockSeconds). A lock answers 429 with
 * Retry-After before any password is checked. Shared by every replica.
 */
export function createLoginThrottle(opts: {
  redis: Redis;
  keyPrefix: string;
  rules?: ThrottleRules;
}) {
  const rules = opts.rules ?? DEFAULT_THROTTLE;
  const keys = (email: string, ip: string) => [
    { id: `${opts.keyPrefix}login:acct:${digest(email)}`, free: rules.accountFreeFailures },
    { id: `${opts.keyPrefix}login:ip:${ip}`, free: rules.ipFreeFailures },
  ];

  return {
    /** Throws TooManyAttempts while the account or the IP is locked. */
    async assertAllowed(email: string, ip: string): Promise<void> {
      const ttls = await Promise.all(
        keys(email, ip).map((key) => opts.redis.pttl(`${key.id}:lock`)),
      );
      const longest = Math.max(...ttls);
      if (longest > 0) throw new TooManyAttempts(Math.ceil(longest / 1000));
    },

    async recordFailure(email: string, ip: string): Promise<void> {
      for (const key of keys(email, ip)) {
        const result = await opts.redis
          .multi()
          .incr(`${key.id}:fails`)
          .expire(`${key.id}:fails`, rules.windowSeconds)
          .exec();
        const count = Number(result?.[0]?.[1] ?? 0);
        if (count >= key.free) {
          const seconds = Math.min(2 ** (count - key.free + 1), rules.maxLockSeconds);
          await opts.redis.set(`${key.id}:lock`, '1', 'EX', seconds);
        }
      }
    },

    /** A successful login clears the account's failures (not the IP's). */
    async recordSuccess(email: string, ip: string): Promise<void> {
      const [account] = keys(email, ip);
      if (account) await opts.redis.del(`${account.id}:fails`, `${account.id}:lock`);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
