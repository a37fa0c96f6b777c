import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../subscriptions/repository.js';

export const invoicesRepository = {
  findByProviderId: (db: Db, providerInvoiceId: string) =>
    db.invoice.findUnique({ where: { providerInvoiceId } }),

  insert: (db: Db, data: Prisma.InvoiceUncheckedCreateInput) => db.invoice.create({ data }),

  update: (db: Db, id: string, data: Prisma.InvoiceUncheckedUpdateInput) =>
    db.invoice.update({ where: { id }, data }),

  find: (db: Db, id: string) => db.invoice.findUnique({ where: { id } }),

  /** A page of a user's invoices, newest first (fetch limit + 1 to know about the next page). */
  pageOf: (db: Db, userId: string, keyset: { where: object; orderBy: object[] }, take: number) =>
    db.invoice.findMany({
      where: { userId, ...keyset.where },
      orderBy: keyset.orderBy as Prisma.InvoiceOrderByWithRelationInput[],
      take,
    }),
};

export const paymentsRepository = {
  findByProviderRef: (db: Db, providerRef: string) =>
    db.payment.findUnique({ where: { providerRef } }),

  insert: (db: Db, data: Prisma.PaymentUncheckedCreateInput) => db.payment.create({ data }),

  pageOf: (db: Db, userId: string, keyset: { where: object; orderBy: object[] }, take: number) =>
    db.payment.findMany({
      where: { userId, ...keyset.where },
      orderBy: keyset.orderBy as Prisma.PaymentOrderByWithRelationInput[],
      take,
    }),
};
