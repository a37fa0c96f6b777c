/** One injected fault, when it ran relative to the stream's start, and what came of it. */
export interface FaultRun {
  name: string;
  startMs: number;
  endMs: number;
  error?: string;
}

export interface Fault {
  name: string;
  /** When it starts, in ms after the stream started. */
  atMs: number;
  run(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Holds a fault for its duration: an outage is a span of time, not an event to wait for. */
export const hold = sleep;

/**
 * Runs every fault at its time (they may overlap) and resolves with what each did. A fault that
 * throws is recorded, not rethrown: the checks afterwards say what it broke.
 */
export async function runSchedule(faults: Fault[], startedAt: number): Promise<FaultRun[]> {
  return Promise.all(
    faults.map(async (fault) => {
      await sleep(startedAt + fault.atMs - Date.now());
      const startMs = Date.now() - startedAt;
      try {
        await fault.run();
        return { name: fault.name, startMs, endMs: Date.now() - startedAt };
      } catch (err) {
        return { name: fault.name, startMs, endMs: Date.now() - startedAt, error: String(err) };
      }
    }),
  );
}
