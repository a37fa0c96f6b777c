export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

/** The p-th percentile of ascending `sorted` (NaN when empty). */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export interface LoadStats {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  n: number;
  failures: number;
}

/**
 * Closed-loop load: `workers` loops each run `once` until the deadline (or until it answers
 * 'done': nothing left to send); rate and latencies of the successes, failures counted.
 */
export async function closedLoop(
  workers: number,
  seconds: number,
  once: (worker: number) => Promise<boolean | 'done'>,
): Promise<LoadStats> {
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const ok = await once(worker);
        if (ok === 'done') return;
        if (ok) latencies.push(performance.now() - t0);
        else failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: round(latencies.length / elapsed, 1),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    n: latencies.length,
    failures,
  };
}
