import { setTimeout as delay } from 'node:timers/promises';

const POLL_INTERVAL_MS = 250;

/** Whether GET <url> answers 200 right now. */
export async function isReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    // Not listening yet, or too slow to answer: simply not ready.
    return false;
  }
}

/**
 * Polls every target until all answer 200, `signal` aborts, or `timeoutMs` passes.
 * Returns the names still not ready (empty when all are).
 */
export async function waitUntilReady(
  targets: { name: string; url: string }[],
  opts: { timeoutMs: number; signal: AbortSignal },
): Promise<string[]> {
  const pending = new Map(targets.map((target) => [target.name, target.url]));
  const deadline = Date.now() + opts.timeoutMs;
  while (pending.size > 0 && Date.now() < deadline && !opts.signal.aborted) {
    const checks = await Promise.all(
      [...pending].map(async ([name, url]) => [name, await isReady(url)] as const),
    );
    for (const [name, ready] of checks) if (ready) pending.delete(name);
    if (pending.size > 0) await delay(POLL_INTERVAL_MS);
  }
  return [...pending.keys()];
}
