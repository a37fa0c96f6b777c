import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Redis } from 'ioredis';
import { dependencyUnavailable } from '@kavosh/service-kit';
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
 * The key an address is counted under. One IPv6 host usually owns a whole /64 (SLAAC, privacy
 * addresses), so IPv6 clients are grouped by their /64; IPv4-mapped IPv6 counts as the IPv4.
 */
export function ipGroup(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]?.split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (64:ff9b::192.0.2.1) stands for two groups.
  const rightGroups = right.length + (right.at(-1)?.includes('.') ? 1 : 0);
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - rightGroups).fill('0'), ...right]
    : left;
  const prefix = groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}

// Atomic check-and-count: a locked key refuses the attempt; otherwise every key counts it as a
// failure before the password is checked (so concurrent guesses cannot all pass a check made
// before any of them failed), and a key reaching its free failures is locked for 2, 4, 8 … s.
// KEYS: fails and lock of each limit, in pairs. ARGV: window, max lock, then each limit's free count.
const ACQUIRE = `
local longest = 0
for i = 1, #KEYS, 2 do
  local ttl = redis.call('PTTL', KEYS[i + 1])
  if ttl > longest then longest = ttl end
end
if longest > 0 then return longest end
local window = tonumber(ARGV[1])
local maxLock = tonumber(ARGV[2])
for i = 1, #KEYS, 2 do
  local free = tonumber(ARGV[2 + (i + 1) / 2])
  local count = redis.call('INCR', KEYS[i])
  redis.call('EXPIRE', KEYS[i], window)
  if count >= free then
    local seconds = math.min(math.pow(2, math.min(count - free + 1, 30)), maxLock)
    redis.call('SET', KEYS[i + 1], '1', 'EX', math.floor(seconds))
  end
end
return 0
`;

// Takes one counted attempt back (it was not a failure). The lock it may have set goes when the
// count falls below the free failures again: a lock only exists while the count is at or above.
// KEYS: fails and lock of each limit to refund, in pairs. ARGV: each limit's free count.
const REFUND = `
for i = 1, #KEYS, 2 do
  local free = tonumber(ARGV[(i + 1) / 2])
  local count = redis.call('DECR', KEYS[i])
  if count <= 0 then redis.call('DEL', KEYS[i]) end
  if count < free then redis.call('DEL', KEYS[i + 1]) end
end
return 0
`;

// A right password: the account's failures are forgotten and the IP's attempt taken back, in one
// round trip. KEYS: the account's fails and lock, then the IP's. ARGV: the IP's free count.
const SUCCEED = `
redis.call('DEL', KEYS[1], KEYS[2])
local count = redis.call('DECR', KEYS[3])
if count <= 0 then redis.call('DEL', KEYS[3]) end
if count < tonumber(ARGV[1]) then redis.call('DEL', KEYS[4]) end
return 0
`;

/** A Redis that does not answer is a 503, not a 500; a script error stays what it is. */
const unavailable = (err: unknown): never => {
  if (err instanceof Error && err.name === 'ReplyError') throw err;
  throw dependencyUnavailable('redis', err);
};

/**
 * Failed-login throttling in Redis, per account and per IP (IPv6 per /64). Each attempt is counted
 * atomically before its password is checked: after the free failures each further attempt locks
 * that key for 2, 4, 8 … seconds (at most maxLockSeconds), and a locked key answers 429 with
 * Retry-After without any password check. A success takes its count back. Shared by every replica.
 */
export function createLoginThrottle(opts: {
  redis: Redis;
  keyPrefix: string;
  rules?: ThrottleRules;
}) {
  const rules = opts.rules ?? DEFAULT_THROTTLE;
  const limits = (email: string, ip: string) => ({
    account: {
      id: `${opts.keyPrefix}login:acct:${digest(email)}`,
      free: rules.accountFreeFailures,
    },
    ip: { id: `${opts.keyPrefix}login:ip:${ipGroup(ip)}`, free: rules.ipFreeFailures },
  });
  const keysOf = (...list: { id: string }[]) =>
    list.flatMap((l) => [`${l.id}:fails`, `${l.id}:lock`]);
  const refund = (list: { id: string; free: number }[]) =>
    opts.redis
      .eval(REFUND, list.length * 2, ...keysOf(...list), ...list.map((l) => l.free))
      .catch(unavailable);

  return {
    /** Counts one attempt, before its password is checked; throws TooManyAttempts while locked. */
    async acquire(email: string, ip: string): Promise<void> {
      const { account, ip: byIp } = limits(email, ip);
      const ttl = await opts.redis
        .eval(
          ACQUIRE,
          4,
          ...keysOf(account, byIp),
          rules.windowSeconds,
          rules.maxLockSeconds,
          account.free,
          byIp.free,
        )
        .catch(unavailable);
      if (typeof ttl === 'number' && ttl > 0) throw new TooManyAttempts(Math.ceil(ttl / 1000));
    },

    /** The password was right: the account's failures are forgotten, the IP's attempt taken back. */
    async succeeded(email: string, ip: string): Promise<void> {
      const { account, ip: byIp } = limits(email, ip);
      await opts.redis.eval(SUCCEED, 4, ...keysOf(account, byIp), byIp.free).catch(unavailable);
    },

    /** The password was never checked (the hasher was busy): the attempt is taken back. */
    async notChecked(email: string, ip: string): Promise<void> {
      const { account, ip: byIp } = limits(email, ip);
      await refund([account, byIp]);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
