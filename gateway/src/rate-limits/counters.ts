import type { Redis } from 'ioredis';

export interface CountResult {
  /** Requests counted in the key's current window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

export type CountCallback = (err: Error | null, result?: CountResult) => void;

export interface SharedCountersOptions {
  /** Prefix of the Redis keys. */
  prefix: string;
  /** A key's local count is added to Redis once this many requests are unsynced. */
  syncEvery: number;
  /** …or this long after its first unsynced request, whichever comes first. */
  syncIntervalMs: number;
  /** Keys held locally; beyond it the oldest is synced and dropped. */
  maxKeys: number;
}

interface Entry {
  redisKey: string;
  windowMs: number;
  /** The window's end on this process's clock (learnt from Redis' PTTL once synced). */
  resetAt: number;
  /** The shared count Redis returned at the last sync (every replica's requests). */
  synced: number;
  /** Counted here since the last sync was sent. */
  pending: number;
  /** Sent to Redis, answer not yet back. */
  inFlight: number;
  /** Bumped when the window rolls over, so a late answer for the old window is ignored. */
  generation: number;
}

const SWEEP_INTERVAL_MS = 10_000;
// Redis replies to INCRBY, PEXPIRE NX and PTTL, in that order, per key.
type PipelineReply = [Error | null, unknown][] | null;

/**
 * Fixed-window request counters shared by every gateway replica through Redis, without a Redis
 * round trip per request: each replica counts locally and adds its delta to the Redis key
 * (INCRBY, then PEXPIRE NX starting the window) every `syncEvery` requests of a key or after
 * `syncIntervalMs`, learning the total of all replicas in the same round trip. A replica can
 * therefore admit up to about 2 × syncEvery requests of a key that other replicas already counted;
 * with R replicas a window admits at most max + 2 × syncEvery × R (docs/gateway.md).
 * `count(..., exact)` waits for Redis on every request instead (the strict auth limits).
 */
export class SharedCounters {
  readonly #redis: Redis;
  readonly #opts: SharedCountersOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #dirty = new Set<Entry>();
  #timer: NodeJS.Timeout | undefined;
  readonly #sweeper: NodeJS.Timeout;
  /** The last sync failed and none has succeeded since. */
  #redisDown = false;

  constructor(redis: Redis, opts: SharedCountersOptions) {
    this.#redis = redis;
    this.#opts = opts;
    this.#sweeper = setInterval(() => this.#sweep(), SWEEP_INTERVAL_MS).unref();
  }

  /** Whether the last attempt to reach Redis failed. */
  get redisDown(): boolean {
    return this.#redisDown;
  }

  /** Local keys (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Counts one request of `key`. Batched: answers at once from the local view (while Redis is
   * down too when `failOpen`, so each replica still limits on its own). Exact: answers after Redis
   * has counted it, or with Redis' error.
   */
  count(
    key: string,
    windowMs: number,
    mode: { exact: boolean; failOpen: boolean },
    cb: CountCallback,
  ): void {
    // A fail-closed key waits for Redis while it is down: the answer (an error, or the count once
    // Redis is back) is what the route may rely on, and a success clears redisDown.
    if (mode.exact || (this.#redisDown && !mode.failOpen)) {
      this.#countExact(key, windowMs, cb);
      return;
    }
    const now = Date.now();
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = this.#add(key, windowMs, now);
    } else if (now >= entry.resetAt || entry.windowMs !== windowMs) {
      this.#roll(entry, windowMs, now);
    }
    entry.pending++;
    if (entry.pending >= this.#opts.syncEvery && entry.inFlight === 0) {
      this.#dirty.delete(entry);
      this.#sync([entry]);
    } else {
      this.#dirty.add(entry);
      this.#timer ??= setTimeout(() => this.#syncDirty(), this.#opts.syncIntervalMs).unref();
    }
    cb(null, { current: entry.synced + entry.inFlight + entry.pending, ttl: entry.resetAt - now });
  }

  /** Sends every unsynced count now (on close, and in tests). */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const entries = [...this.#dirty];
    this.#dirty.clear();
    await this.#sync(entries);
  }

  close(): void {
    clearInterval(this.#sweeper);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #add(key: string, windowMs: number, now: number): Entry {
    if (this.#entries.size >= this.#opts.maxKeys) {
      // Map order is insertion order: the oldest key goes; its unsynced count still syncs
      // (the dirty set keeps the entry).
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    const entry: Entry = {
      redisKey: `${this.#opts.prefix}${key}`,
      windowMs,
      resetAt: now + windowMs,
      synced: 0,
      pending: 0,
      inFlight: 0,
      generation: 0,
    };
    this.#entries.set(key, entry);
    return entry;
  }

  #roll(entry: Entry, windowMs: number, now: number): void {
    entry.windowMs = windowMs;
    entry.resetAt = now + windowMs;
    entry.synced = 0;
    entry.pending = 0;
    entry.inFlight = 0;
    entry.generation++;
  }

  #syncDirty(): void {
    this.#timer = undefined;
    const ready: Entry[] = [];
    for (const entry of this.#dirty) {
      // One sync per key at a time: its answer must be the total including everything sent.
      if (entry.inFlight > 0 || entry.pending === 0) continue;
      ready.push(entry);
      this.#dirty.delete(entry);
    }
    if (ready.length > 0) void this.#sync(ready);
    if (this.#dirty.size > 0) {
      this.#timer = setTimeout(() => this.#syncDirty(), this.#opts.syncIntervalMs).unref();
    }
  }

  async #sync(entries: Entry[]): Promise<void> {
    const sent = entries
      .filter((entry) => entry.pending > 0)
      .map((entry) => {
        const delta = entry.pending;
        entry.pending = 0;
        entry.inFlight = delta;
        return { entry, delta, generation: entry.generation };
      });
    if (sent.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const { entry, delta } of sent) {
      pipeline
        .incrby(entry.redisKey, delta)
        .pexpire(entry.redisKey, entry.windowMs, 'NX')
        .pttl(entry.redisKey);
    }
    let replies: PipelineReply;
    try {
      replies = await pipeline.exec();
    } catch {
      replies = null;
    }
    const now = Date.now();
    let failed = replies === null;
    sent.forEach(({ entry, delta, generation }, i) => {
      if (entry.generation !== generation) return;
      entry.inFlight = 0;
      const total = replies?.[i * 3]?.[1];
      const ttl = replies?.[i * 3 + 2]?.[1];
      if (typeof total !== 'number' || typeof ttl !== 'number') {
        failed = true;
        // Counted again with the next sync, so an outage does not forget requests.
        entry.pending += delta;
        this.#dirty.add(entry);
        return;
      }
      entry.synced = total;
      if (ttl > 0) entry.resetAt = now + ttl;
    });
    this.#redisDown = failed;
    if (failed)
      this.#timer ??= setTimeout(() => this.#syncDirty(), this.#opts.syncIntervalMs).unref();
  }

  #countExact(key: string, windowMs: number, cb: CountCallback): void {
    const redisKey = `${this.#opts.prefix}${key}`;
    this.#redis
      .pipeline()
      .incrby(redisKey, 1)
      .pexpire(redisKey, windowMs, 'NX')
      .pttl(redisKey)
      .exec()
      .then(
        (replies) => {
          const total = replies?.[0]?.[1];
          const ttl = replies?.[2]?.[1];
          if (typeof total !== 'number' || typeof ttl !== 'number') {
            this.#redisDown = true;
            cb(replies?.[0]?.[0] ?? new Error('unexpected Redis reply'));
            return;
          }
          this.#redisDown = false;
          cb(null, { current: total, ttl: ttl > 0 ? ttl : windowMs });
        },
        (err: unknown) => {
          this.#redisDown = true;
          cb(err instanceof Error ? err : new Error(String(err)));
        },
      );
  }

  // Drops keys whose window has ended and that have nothing left to sync.
  #sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) {
      if (now >= entry.resetAt && entry.pending === 0 && entry.inFlight === 0) {
        this.#entries.delete(key);
      }
    }
  }
}
