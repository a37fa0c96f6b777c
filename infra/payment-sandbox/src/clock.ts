/**
 * The sandbox's one process-wide clock: real time plus an offset that only grows. Advancing it is
 * how tests make trials end and periods renew without waiting.
 */
export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly realNowMs: () => number = Date.now) {}

  /** Unix seconds, the unit of every Stripe timestamp. */
  now(): number {
    return Math.floor((this.realNowMs() + this.offsetMs) / 1000);
  }

  /** Moves the clock to `unixSeconds`; never backwards. */
  moveTo(unixSeconds: number): void {
    const deltaMs = unixSeconds * 1000 - (this.realNowMs() + this.offsetMs);
    if (deltaMs > 0) this.offsetMs += deltaMs;
  }
}
