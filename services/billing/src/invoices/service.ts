import type { Database } from '../db.js';
import type { Invoice as InvoiceRow, Payment as PaymentRow } from '../generated/prisma/client.js';
import { keysetAfter, pageOf } from '../infrastructure/cursor.js';
import { InvoiceNotFound } from './errors.js';
import { invoicesRepository, paymentsRepository } from './repository.js';
import type { Invoice, InvoicePage, Payment, PaymentPage } from './schemas.js';

const toInvoice = (row: InvoiceRow): Invoice => ({
  id: row.id,
  number: row.number,
  subscriptionId: row.subscriptionId,
  description: row.description,
  amount: { amountMinor: row.amountMinor, currency: row.currency },
  periodStart: row.periodStart.toISOString(),
  periodEnd: row.periodEnd.toISOString(),
  status: row.status,
  customerName: row.customerName,
  customerEmail: row.customerEmail,
  issuedAt: row.issuedAt.toISOString(),
  paidAt: row.paidAt?.toISOString() ?? null,
});

const toPayment = (row: PaymentRow): Payment => ({
  id: row.id,
  subscriptionId: row.subscriptionId,
  invoiceId: row.invoiceId,
  status: row.status === 'failed' ? 'failed' : 'succeeded',
  amount: { amountMinor: row.amountMinor, currency: row.currency },
  reason: row.reason,
  at: row.at.toISOString(),
});

/** Invoices and payments as their owner (or an admin) reads them; newest first, by cursor. */
export function createInvoicesService(deps: { db: Database }) {
  const { db } = deps;
  return {
    async listInvoices(
      userId: string,
      q: { cursor?: string; limit?: number },
    ): Promise<InvoicePage> {
      const limit = q.limit ?? 20;
      const rows = await invoicesRepository.pageOf(
        db,
        userId,
        keysetAfter('issuedAt', q.cursor),
        limit + 1,
      );
      const page = pageOf(rows, limit, (r) => r.issuedAt);
      return { items: page.items.map(toInvoice), nextCursor: page.nextCursor };
    },

    async getInvoice(id: string, viewer: { userId: string; admin: boolean }): Promise<Invoice> {
      const row = await invoicesRepository.find(db, id);
      if (!row || (!viewer.admin && row.userId !== viewer.userId)) throw new InvoiceNotFound();
      return toInvoice(row);
    },

    async listPayments(
      userId: string,
      q: { cursor?: string; limit?: number },
    ): Promise<PaymentPage> {
      const limit = q.limit ?? 20;
      const rows = await paymentsRepository.pageOf(
        db,
        userId,
        keysetAfter('at', q.cursor),
        limit + 1,
      );
      const page = pageOf(rows, limit, (r) => r.at);
      return { items: page.items.map(toPayment), nextCursor: page.nextCursor };
    },
  };
}
export type InvoicesService = ReturnType<typeof createInvoicesService>;
