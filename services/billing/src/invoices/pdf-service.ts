import type { Database } from '../db.js';
import { InvoiceNotFound } from './errors.js';
import { invoicesRepository } from './repository.js';
import type { InvoicePdfData, InvoiceSeller } from './pdf.js';

// pdfkit (≈ 22 MB of RSS, ≈ 0.1 s to load) is loaded with the first invoice PDF, not at start.
const loadRenderer = async () => (await import('./pdf.js')).renderInvoicePdf;

/** The issuer printed on every invoice: the legal entity selling the subscriptions. */
export const KAVOSH_SELLER: InvoiceSeller = {
  name: 'Kavosh Media',
  addressLines: ['1 Example Street', '10115 Berlin', 'Germany'],
  email: 'billing@kavosh.example',
};

/** Who asks for an invoice: its owner, or an admin (any user's). */
export interface InvoiceReader {
  userId: string;
  admin: boolean;
}

export interface InvoicePdf {
  fileName: string;
  body: Buffer;
}

export function createInvoicePdfService(deps: { db: Database; seller?: InvoiceSeller }) {
  const seller = deps.seller ?? KAVOSH_SELLER;
  return {
    /** The invoice as a PDF; another user's invoice is InvoiceNotFound, as a missing one is. */
    async render(invoiceId: string, reader: InvoiceReader): Promise<InvoicePdf> {
      const row = await invoicesRepository.find(deps.db, invoiceId);
      if (!row || (!reader.admin && row.userId !== reader.userId)) throw new InvoiceNotFound();
      const data: InvoicePdfData = {
        number: row.number,
        status: row.status,
        issuedAt: row.issuedAt,
        paidAt: row.paidAt,
        periodStart: row.periodStart,
        periodEnd: row.periodEnd,
        currency: row.currency,
        // Erasure blanks the snapshot: the invoice stays, its buyer prints as "—".
        buyer: { name: row.customerName, email: row.customerEmail },
        lines: [
          {
            description: row.description,
            quantity: 1,
            unitAmount: row.amountMinor,
            amount: row.amountMinor,
          },
        ],
        subtotal: row.amountMinor,
        tax: 0,
        total: row.amountMinor,
      };
      return {
        fileName: `invoice-${row.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`,
        body: await (await loadRenderer())(data, seller),
      };
    },
  };
}
export type InvoicePdfService = ReturnType<typeof createInvoicePdfService>;
