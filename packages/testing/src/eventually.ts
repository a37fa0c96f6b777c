/**
 * Calls fn until it returns without throwing, then returns its value. At the deadline
 * (`within`, default 5000 ms) rethrows the last error, its message prefixed with `message`.
 */
export async function eventually<T>(
  fn: () => T | Promise<T>,
  opts: { within?: number; interval?: number; message?: string } = {},
): Promise<T> {
  const within = opts.within ?? 5_000;
  const interval = opts.interval ?? 50;
  const deadline = Date.now() + within;
  let lastError: unknown = new Error(`no attempt finished within ${within} ms`);
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      // An attempt that hangs must not outlive the deadline.
      return await raceDeadline(Promise.resolve().then(fn), Math.max(remaining, 0), lastError);
    } catch (err) {
      if (err instanceof AttemptTimedOut) throw prefixed(err.lastError, opts.message);
      lastError = err;
    }
    if (Date.now() + interval > deadline) throw prefixed(lastError, opts.message);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

class AttemptTimedOut {
  constructor(readonly lastError: unknown) {}
}

function raceDeadline<T>(attempt: Promise<T>, ms: number, lastError: unknown): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimedOut(lastError)), ms);
  });
  return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
}

function prefixed(err: unknown, message: string | undefined): unknown {
  if (message === undefined) return err;
  if (err instanceof Error) {
    // Keep the original error (and its assertion diff); only say what was awaited.
    err.message = `${message}: ${err.message}`;
    return err;
  }
  return new Error(`${message}: ${String(err)}`, { cause: err });
}
