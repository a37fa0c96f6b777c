import type { KavoshApp } from '@kavosh/service-kit';
import { eventually, type TestService } from '@kavosh/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBilling } from '../../test/helper.js';
import { createDatabase, type Database } from '../db.js';
import type { Reconciler, ReconciliationReport } from './reconciler.js';
import { scheduleReconciliation } from './schedule.js';

const silent = pino({ level: 'silent' });

/** Counts the passes it is asked to run (what the schedule decides is under test, not a pass). */
function countingReconciler(): Reconciler & { runs: number } {
  const counter = {
    runs: 0,
    async runOnce(): Promise<ReconciliationReport> {
      counter.runs += 1;
      return { passId: String(counter.runs), checked: 0, repaired: [], mismatches: [], failed: [] };
    },
  };
  return counter;
}

describe('scheduleReconciliation', () => {
  let svc: TestService<KavoshApp>;
  let db: Database;

  beforeAll(async () => {
    svc = await startBilling();
    db = createDatabase(svc.databaseUrl);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  it('runs the passes on one replica at a time, and on another once the first stops', async () => {
    const leaseName = 'test.schedule';
    const a = countingReconciler();
    const b = countingReconciler();
    const schedules = [a, b].map((reconciler) =>
      scheduleReconciliation({ db, reconciler, intervalMs: 200, logger: silent, leaseName }),
    );
    await eventually(() => expect(a.runs + b.runs).toBeGreaterThanOrEqual(4), { within: 10_000 });
    // The holder renews its lease at every tick: the other replica never ran one.
    expect(Math.min(a.runs, b.runs)).toBe(0);

    const holder = a.runs > 0 ? 0 : 1;
    const standby = [a, b][1 - holder];
    await schedules[holder]?.stop();
    await eventually(() => expect(standby?.runs).toBeGreaterThanOrEqual(2), { within: 10_000 });
    await schedules[1 - holder]?.stop();
  });

  it('runs no pass before one interval has passed', async () => {
    const reconciler = countingReconciler();
    const schedule = scheduleReconciliation({
      db,
      reconciler,
      intervalMs: 60_000,
      logger: silent,
      leaseName: 'test.first-pass',
    });
    await schedule.stop();
    expect(reconciler.runs).toBe(0);
  });
});
