import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Database | Prisma.TransactionClient;

export const partnerKeysRepository = {
  insert: (db: Tx, data: Prisma.PartnerKeyCreateInput) => db.partnerKey.create({ data }),

  findById: (db: Tx, id: string) => db.partnerKey.findUnique({ where: { id } }),

  findByPrefix: (db: Tx, prefix: string) => db.partnerKey.findUnique({ where: { prefix } }),

  /** Locks the row for a change (rotate, revoke), so two admins cannot interleave. */
  lockById: async (db: Prisma.TransactionClient, id: string) => {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM partner_keys WHERE id = ${id} FOR UPDATE`;
    return rows.length > 0;
  },

  update: (db: Tx, id: string, data: Prisma.PartnerKeyUpdateInput) =>
    db.partnerKey.update({ where: { id }, data }),

  list: (db: Tx, query: { partner?: string; afterId?: string; limit: number }) =>
    db.partnerKey.findMany({
      where: {
        ...(query.partner === undefined ? {} : { partner: query.partner }),
        ...(query.afterId === undefined ? {} : { id: { gt: query.afterId } }),
      },
      orderBy: { id: 'asc' },
      take: query.limit,
    }),

  audit: (
    db: Tx,
    entry: {
      keyId: string;
      action: 'created' | 'rotated' | 'revoked';
      actorId: string;
      at: Date;
      detail?: string;
    },
  ) => db.partnerKeyAudit.create({ data: entry }),

  auditOf: (db: Tx, keyId: string) =>
    db.partnerKeyAudit.findMany({ where: { keyId }, orderBy: { id: 'asc' } }),
};
