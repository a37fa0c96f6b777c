import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import {
  ANONYMIZED,
  formatMinorUnits,
  renderInvoicePdf,
  toWinAnsi,
  type InvoicePdfData,
  type InvoiceSeller,
} from './pdf.js';

const seller: InvoiceSeller = {
  name: 'Kavosh Media GmbH',
  addressLines: ['Torstraße 1', '10119 Berlin', 'Germany'],
  taxId: 'DE123456789',
  email: 'billing@kavosh.example',
};

const invoice = (over: Partial<InvoicePdfData> = {}): InvoicePdfData => ({
  number: 'KAV-2026-000042',
  status: 'paid',
  issuedAt: new Date('2026-12-07T10:00:00Z'),
  paidAt: new Date('2026-12-07T10:05:00Z'),
  periodStart: new Date('2026-12-07T10:00:00Z'),
  periodEnd: new Date('2027-01-07T10:00:00Z'),
  currency: 'eur',
  buyer: { name: 'Zoë Müller', email: 'zoe@example.com' },
  lines: [{ description: 'Premium (monthly)', quantity: 1, unitAmount: 123456, amount: 123456 }],
  subtotal: 123456,
  tax: 23456,
  total: 146912,
  ...over,
});

/**
 * Every page's text as pdf.js reads it back from the document: one string per printed row (items
 * at the same height, left to right, joined by a space), top to bottom.
 */
async function readPdf(pdf: Buffer): Promise<{ pages: number; lines: string[] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const lines: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const rows = new Map<number, { x: number; str: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , , x = 0, y = 0] = item.transform as number[];
      const row = rows.get(Math.round(y)) ?? [];
      row.push({ x, str: item.str.trim() });
      rows.set(Math.round(y), row);
    }
    for (const [, row] of [...rows].sort(([a], [b]) => b - a)) {
      lines.push(
        row
          .sort((a, b) => a.x - b.x)
          .map((item) => item.str)
          .join(' '),
      );
    }
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, lines };
}

describe('formatMinorUnits', () => {
  it('uses the currency own decimals, from integer minor units', () => {
    expect(formatMinorUnits(123456, 'usd')).toBe('USD 1,234.56');
    expect(formatMinorUnits(5, 'EUR')).toBe('EUR 0.05');
    expect(formatMinorUnits(1999, 'jpy')).toBe('JPY 1,999');
    expect(formatMinorUnits(1234, 'kwd')).toBe('KWD 1.234');
    expect(formatMinorUnits(-250, 'usd')).toBe('-USD 2.50');
    // 2^53 - 1 cents: no float rounding on the way.
    expect(formatMinorUnits(Number.MAX_SAFE_INTEGER, 'usd')).toBe('USD 90,071,992,547,409.91');
  });

  it('refuses a fractional amount or an unknown currency', () => {
    expect(() => formatMinorUnits(10.5, 'usd')).toThrow(RangeError);
    expect(() => formatMinorUnits(100, 'dollars')).toThrow(RangeError);
  });
});

describe('toWinAnsi', () => {
  it('keeps Latin-1 and typographic marks, drops accents it cannot print, marks the rest', () => {
    expect(toWinAnsi('Zoë Müller — €5')).toBe('Zoë Müller — €5');
    expect(toWinAnsi('Dvořák Łukasz')).toBe('Dvorák ?ukasz');
    expect(toWinAnsi('کاوش')).toBe('????');
  });
});

describe('renderInvoicePdf', () => {
  it('renders the seller, the buyer, number, dates, period, lines and totals as text', async () => {
    const pdf = await renderInvoicePdf(invoice(), seller);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, lines } = await readPdf(pdf);
    expect(pages).toBe(1);
    const text = lines.join('\n');
    for (const expected of [
      'Invoice',
      'KAV-2026-000042',
      'Kavosh Media GmbH',
      'Torstraße 1',
      'Tax ID: DE123456789',
      'Zoë Müller',
      'zoe@example.com',
      'Service period: 2026-12-07 to 2027-01-07',
      'Premium (monthly)',
    ]) {
      expect(text).toContain(expected);
    }
    // Seller and buyer side by side, the invoice facts in the header.
    expect(lines).toContain('Kavosh Media GmbH Zoë Müller');
    expect(lines).toContain('Invoice number: KAV-2026-000042');
    expect(lines).toContain('Issued: 2026-12-07');
    expect(lines).toContain('Paid: 2026-12-07');
    expect(lines).toContain('Premium (monthly) 1 EUR 1,234.56 EUR 1,234.56');
    expect(lines).toContain('Subtotal EUR 1,234.56');
    expect(lines).toContain('Tax EUR 234.56');
    expect(lines).toContain('Total EUR 1,469.12');
  });

  it('prints "—" for an anonymized buyer, and no tax or paid line when there is none', async () => {
    const pdf = await renderInvoicePdf(
      invoice({
        buyer: { name: null, email: null },
        status: 'open',
        paidAt: null,
        currency: 'jpy',
        lines: [{ description: 'Basic', quantity: 2, unitAmount: 500, amount: 1000 }],
        subtotal: 1000,
        tax: 0,
        total: 1000,
      }),
      seller,
    );
    const { lines } = await readPdf(pdf);
    expect(lines).toContain(`Kavosh Media GmbH ${ANONYMIZED}`);
    expect(lines.join('\n')).not.toContain('zoe@example.com');
    expect(lines).toContain('Basic 2 JPY 500 JPY 1,000');
    expect(lines).toContain('Total JPY 1,000');
    expect(lines.some((l) => /^Tax [A-Z]{3} /.test(l))).toBe(false);
    expect(lines.some((l) => l.startsWith('Paid:'))).toBe(false);
  });

  it('flows many lines onto further pages, repeating the table header', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      description: `Line ${i + 1}`,
      quantity: 1,
      unitAmount: 100,
      amount: 100,
    }));
    const pdf = await renderInvoicePdf(
      invoice({ lines: many, subtotal: 6000, tax: 0, total: 6000 }),
      seller,
    );
    const { pages, lines } = await readPdf(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(lines.filter((l) => l.startsWith('Description')).length).toBe(pages);
    expect(lines).toContain('Line 60 1 EUR 1.00 EUR 1.00');
    expect(lines).toContain('Total EUR 60.00');
  });

  it('renders the same invoice to the same bytes', async () => {
    const [a, b] = await Promise.all([
      renderInvoicePdf(invoice(), seller),
      renderInvoicePdf(invoice(), seller),
    ]);
    expect(a.equals(b)).toBe(true);
  });
});
