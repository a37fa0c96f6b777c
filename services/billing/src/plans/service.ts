import { randomUUID } from 'node:crypto';
import type { Database } from '../db.js';
import { PlanNotFound } from './errors.js';
import { plansRepository as repo, type PlanRow } from './repository.js';
import type { Plan, PlanCreateBody, PlanList, PlanPatchBody } from './schemas.js';

export const toPlan = (row: PlanRow): Plan => ({
  id: row.id,
  name: row.name,
  tier: 'premium',
  price: { amountMinor: row.priceMinor, currency: row.currency },
  interval: row.interval === 'year' ? 'year' : 'month',
  trialDays: row.trialDays,
  archived: row.archivedAt !== null,
});

/** The plans a fresh installation sells (seeded when the plan table is empty). */
export const DEFAULT_PLANS: readonly PlanCreateBody[] = [
  { name: 'Premium monthly', priceMinor: 999, currency: 'EUR', interval: 'month', trialDays: 0 },
  { name: 'Premium yearly', priceMinor: 9990, currency: 'EUR', interval: 'year', trialDays: 0 },
];

/** Inserts DEFAULT_PLANS when there is no plan at all; returns how many it inserted. */
export async function seedDefaultPlans(db: Database, now = new Date()): Promise<number> {
  if ((await repo.count(db)) > 0) return 0;
  for (const plan of DEFAULT_PLANS) {
    await repo.insert(db, {
      id: randomUUID(),
      ...plan,
      tier: 'premium',
      trialDays: plan.trialDays ?? 0,
      createdAt: now,
      updatedAt: now,
    });
  }
  return DEFAULT_PLANS.length;
}

/** Plans are few; price changes apply to new subscriptions only (each keeps its snapshot). */
export function createPlansService(deps: { db: Database; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  async function find(id: string): Promise<PlanRow> {
    const row = await repo.find(db, id);
    if (!row) throw new PlanNotFound(id);
    return row;
  }

  return {
    async list(opts: { includeArchived: boolean }): Promise<PlanList> {
      return { items: (await repo.list(db, opts)).map(toPlan) };
    },

    /** A plan that can be bought now; archived or unknown is PlanNotFound. */
    async findOnSale(id: string): Promise<PlanRow> {
      const row = await repo.find(db, id);
      if (!row || row.archivedAt !== null) throw new PlanNotFound(id);
      return row;
    },

    async create(body: PlanCreateBody): Promise<Plan> {
      const at = now();
      const row = await repo.insert(db, {
        id: randomUUID(),
        name: body.name.trim(),
        tier: 'premium',
        priceMinor: body.priceMinor,
        currency: body.currency,
        interval: body.interval,
        trialDays: body.trialDays ?? 0,
        createdAt: at,
        updatedAt: at,
      });
      return toPlan(row);
    },

    async update(id: string, body: PlanPatchBody): Promise<Plan> {
      await find(id);
      const row = await repo.update(db, id, {
        ...(body.name === undefined ? {} : { name: body.name.trim() }),
        ...(body.priceMinor === undefined ? {} : { priceMinor: body.priceMinor }),
        ...(body.currency === undefined ? {} : { currency: body.currency }),
        ...(body.trialDays === undefined ? {} : { trialDays: body.trialDays }),
        updatedAt: now(),
      });
      return toPlan(row);
    },

    /** Off sale: existing subscriptions keep running and renewing on their snapshot. */
    async archive(id: string): Promise<Plan> {
      const current = await find(id);
      if (current.archivedAt !== null) return toPlan(current);
      return toPlan(await repo.update(db, id, { archivedAt: now(), updatedAt: now() }));
    },

    async delete(id: string): Promise<void> {
      await db.$transaction(async (tx) => {
        if (!(await repo.find(tx, id))) throw new PlanNotFound(id);
        await repo.deleteUnused(tx, id);
      });
    },
  };
}
export type PlansService = ReturnType<typeof createPlansService>;
