import PDFDocument from 'pdfkit';

/** Who issues the invoice: printed at the top of every invoice. */
export interface InvoiceSeller {
  name: string;
  addressLines: readonly string[];
  taxId?: string;
  email?: string;
}

export interface InvoicePdfLine {
  description: string;
  quantity: number;
  /** Integer minor units of the invoice's currency. */
  unitAmount: number;
  /** Integer minor units of the invoice's currency. */
  amount: number;
}

/** What an invoice PDF shows; amounts are integer minor units of `currency`. */
export interface InvoicePdfData {
  number: string;
  status: string;
  issuedAt: Date;
  paidAt: Date | null;
  periodStart: Date;
  periodEnd: Date;
  /** ISO 4217 code, any case. */
  currency: string;
  /** null once the customer's personal data was erased: the invoice is kept, anonymized. */
  buyer: { name: string | null; email: string | null };
  lines: readonly InvoicePdfLine[];
  subtotal: number;
  tax: number;
  total: number;
}

/** Printed where an erased customer's name was. */
export const ANONYMIZED = '—';

/**
 * Formats integer minor units as an amount of the currency, with the currency's own number of
 * decimals (ISO 4217: USD 2, JPY 0, KWD 3). Integer arithmetic builds the decimal string, so no
 * float rounding can change a cent. e.g. (123456, 'usd') → 'USD 1,234.56'.
 */
export function formatMinorUnits(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an integer amount: ${minor}`);
  const format = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    currencyDisplay: 'code',
  });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const abs = BigInt(Math.abs(minor));
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString();
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  const decimal = `${minor < 0 ? '-' : ''}${whole}${fraction}` as Intl.StringNumericLiteral;
  // Intl puts a no-break space after the code; a plain one reads and copies the same everywhere.
  return format.format(decimal).replace(/\u00a0/g, ' ');
}

/** 2026-12-07: a date no reader can take for another day or month. */
const formatDate = (at: Date): string => at.toISOString().slice(0, 10);

// PDF's standard Helvetica encodes WinAnsi only (Latin-1 plus a few typographic marks); any
// other character would print as garbage. Accents are dropped first (Ł stays '?', é becomes e).
const WIN_ANSI_EXTRA = new Set('ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™ŒœŠšŸŽž˜');
const encodable = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};
export function toWinAnsi(text: string): string {
  return Array.from(text, (ch) => {
    if (encodable(ch)) return ch;
    const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    return plain.length > 0 && Array.from(plain).every(encodable) ? plain : '?';
  }).join('');
}

const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4 in points
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const COLUMNS = { description: MARGIN, quantity: 330, unit: 370, amount: 460 } as const;
const AMOUNT_WIDTH = PAGE_WIDTH - MARGIN - COLUMNS.amount;
const UNIT_WIDTH = COLUMNS.amount - COLUMNS.unit - 10;

/**
 * Renders an invoice to a PDF in memory (A4, Helvetica; nothing written to disk). Resolves with
 * the whole document; rejects if pdfkit fails while writing it.
 */
export function renderInvoicePdf(invoice: InvoicePdfData, seller: InvoiceSeller): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // Fixed metadata (no "now"): the same invoice renders to the same document.
    info: {
      Title: toWinAnsi(`Invoice ${invoice.number}`),
      Author: toWinAnsi(seller.name),
      CreationDate: invoice.issuedAt,
      ModDate: invoice.issuedAt,
    },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const money = (minor: number) => formatMinorUnits(minor, invoice.currency);
  const text = (value: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.text(toWinAnsi(value), x, y, { lineBreak: false, ...options });

  // Header: title left, number and dates right.
  doc.font('Helvetica-Bold').fontSize(22);
  text('Invoice', MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(10);
  const facts: [string, string][] = [
    ['Invoice number', invoice.number],
    ['Issued', formatDate(invoice.issuedAt)],
    ['Status', invoice.status],
  ];
  if (invoice.paidAt) facts.push(['Paid', formatDate(invoice.paidAt)]);
  facts.forEach(([label, value], i) => {
    const y = MARGIN + i * 14;
    text(`${label}:`, 330, y, { width: 90 });
    text(value, 420, y, { width: PAGE_WIDTH - MARGIN - 420, align: 'right' });
  });

  // Seller and buyer side by side.
  let y = MARGIN + 80;
  doc.font('Helvetica-Bold');
  text('From', MARGIN, y);
  text('Billed to', 330, y);
  doc.font('Helvetica');
  const sellerLines = [
    seller.name,
    ...seller.addressLines,
    ...(seller.taxId ? [`Tax ID: ${seller.taxId}`] : []),
    ...(seller.email ? [seller.email] : []),
  ];
  const buyerLines = [
    invoice.buyer.name ?? ANONYMIZED,
    ...(invoice.buyer.email ? [invoice.buyer.email] : []),
  ];
  sellerLines.forEach((line, i) =>
    text(line, MARGIN, y + 16 + i * 14, { width: 260, ellipsis: true }),
  );
  buyerLines.forEach((line, i) => text(line, 330, y + 16 + i * 14, { width: 215, ellipsis: true }));
  y += 16 + Math.max(sellerLines.length, buyerLines.length) * 14 + 20;

  text(
    `Service period: ${formatDate(invoice.periodStart)} to ${formatDate(invoice.periodEnd)}`,
    MARGIN,
    y,
  );
  y += 28;

  const tableHeader = () => {
    doc.font('Helvetica-Bold');
    text('Description', COLUMNS.description, y);
    text('Qty', COLUMNS.quantity, y, { width: 30, align: 'right' });
    text('Unit price', COLUMNS.unit, y, { width: UNIT_WIDTH, align: 'right' });
    text('Amount', COLUMNS.amount, y, { width: AMOUNT_WIDTH, align: 'right' });
    doc.font('Helvetica');
    y += 16;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + CONTENT_WIDTH, y)
      .stroke();
    y += 8;
  };
  tableHeader();
  const bottom = doc.page.height - MARGIN - 80;
  for (const line of invoice.lines) {
    if (y > bottom) {
      doc.addPage();
      y = MARGIN;
      tableHeader();
    }
    text(line.description, COLUMNS.description, y, { width: 270, ellipsis: true });
    text(String(line.quantity), COLUMNS.quantity, y, { width: 30, align: 'right' });
    text(money(line.unitAmount), COLUMNS.unit, y, { width: UNIT_WIDTH, align: 'right' });
    text(money(line.amount), COLUMNS.amount, y, { width: AMOUNT_WIDTH, align: 'right' });
    y += 18;
  }
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + CONTENT_WIDTH, y)
    .stroke();
  y += 10;

  const totals: [string, number][] = [['Subtotal', invoice.subtotal]];
  if (invoice.tax !== 0) totals.push(['Tax', invoice.tax]);
  totals.push(['Total', invoice.total]);
  for (const [label, amount] of totals) {
    if (label === 'Total') doc.font('Helvetica-Bold');
    text(label, COLUMNS.unit, y, { width: UNIT_WIDTH, align: 'right' });
    text(money(amount), COLUMNS.amount, y, { width: AMOUNT_WIDTH, align: 'right' });
    y += 16;
  }
  doc.end();
  return done;
}
