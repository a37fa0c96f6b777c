import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Database } from '../db.js';
import { claimLease } from './lease.js';
import type { Reconciler } from './reconciler.js';

export interface ReconciliationSchedule {
  /** Stops the timer and waits for a pass under way. */
  stop(): Promise<void>;
}

/**
 * Runs a reconciliation pass every `intervalMs` on one replica at a time: each tick claims the
 * `billing.reconciliation` lease for two intervals, so the holder renews it at every tick and
 * keeps running the passes, and another replica takes over within two intervals of the holder
 * stopping. The first pass is one interval after start, not at start (a rollout restarting every
 * replica would run one each).
 */
export function scheduleReconciliation(opts: {
  db: Database;
  reconciler: Reconciler;
  intervalMs: number;
  logger: Logger;
  leaseName?: string;
}): ReconciliationSchedule {
  const log = opts.logger.child({ component: 'reconciliation' });
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseName = opts.leaseName ?? 'billing.reconciliation';
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async (): Promise<void> => {
    try {
      const held = await claimLease(opts.db, {
        name: leaseName,
        owner,
        ttlMs: 2 * opts.intervalMs,
      });
      if (held) await opts.reconciler.runOnce();
    } catch (err) {
      // runOnce logged and counted its own failure; this is the lease's (the database is down).
      log.warn({ err }, 'reconciliation pass not run');
    }
  };
  const next = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(next);
    }, opts.intervalMs);
    timer.unref();
  };
  next();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
