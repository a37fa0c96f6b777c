import { Prisma, type Plan as PlanRow } from '../generated/prisma/client.js';
import type { Db } from '../subscriptions/repository.js';
import { PlanInUse, PlanNameTaken } from './errors.js';

export type { PlanRow };

async function unlessNameTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
      throw new PlanNameTaken();
    throw err;
  }
}

export const plansRepository = {
  find: (db: Db, id: string) => db.plan.findUnique({ where: { id } }),

  list: (db: Db, opts: { includeArchived: boolean }) =>
    db.plan.findMany({
      where: opts.includeArchived ? {} : { archivedAt: null },
      orderBy: [{ priceMinor: 'asc' }, { name: 'asc' }],
      take: 200,
    }),

  count: (db: Db) => db.plan.count(),

  insert: (db: Db, data: Prisma.PlanUncheckedCreateInput) =>
    unlessNameTaken(() => db.plan.create({ data })),

  update: (db: Db, id: string, data: Prisma.PlanUncheckedUpdateInput) =>
    unlessNameTaken(() => db.plan.update({ where: { id }, data })),

  /** Deletes a plan no subscription was ever sold on (the foreign key refuses the rest too). */
  async deleteUnused(tx: Prisma.TransactionClient, id: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM plans WHERE id = ${id} FOR UPDATE`;
    const used = await tx.subscription.count({ where: { planId: id } });
    if (used > 0) throw new PlanInUse(used);
    try {
      await tx.plan.delete({ where: { id } });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2003')
        throw new PlanInUse(1);
      throw err;
    }
  },
};
