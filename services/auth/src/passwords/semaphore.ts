/**
 * At most `limit` tasks run at once; the rest wait in arrival order, at most `maxWaiting` of them:
 * beyond that run() throws `onFull()` at once rather than queueing without bound.
 */
export function createSemaphore(
  limit: number,
  opts: { maxWaiting?: number; onFull?: () => Error } = {},
) {
  const maxWaiting = opts.maxWaiting ?? Number.POSITIVE_INFINITY;
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= limit) {
        if (waiting.length >= maxWaiting) {
          throw opts.onFull?.() ?? new Error('semaphore queue is full');
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else running += 1;
      try {
        return await task();
      } finally {
        // Hand the slot straight to the next waiter, so running never drops and climbs again.
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
    get inFlight(): number {
      return running;
    },
    get waiting(): number {
      return waiting.length;
    },
  };
}
