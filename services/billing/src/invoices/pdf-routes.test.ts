import { randomUUID } from 'node:crypto';
import { testTokens } from '@kavosh/auth-client/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBilling } from '../../test/helper.js';
import { createDatabase, type Database } from '../db.js';

/** The PDF's text, all pages, items joined by a space. */
async function pdfText(body: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(body), verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item && item.str.trim()) parts.push(item.str);
  }
  await doc.destroy();
  return parts.join(' ');
}

describe('GET /invoices/:id/pdf', () => {
  let svc: TestService<KavoshApp>;
  let db: Database;
  const owner = randomUUID();
  const stranger = randomUUID();
  const bearer = async (userId: string, roles: ('user' | 'admin')[] = ['user']) => ({
    authorization: `Bearer ${await (await testTokens()).tokenFor({ userId, roles })}`,
  });

  const insertInvoice = async (over: { customerName?: string | null; number?: string } = {}) => {
    const id = randomUUID();
    await db.invoice.create({
      data: {
        id,
        providerInvoiceId: `in_${id}`,
        number: over.number ?? 'KAV-0001',
        userId: owner,
        description: 'Premium (monthly)',
        amountMinor: 1299,
        currency: 'usd',
        periodStart: new Date('2026-12-01T00:00:00Z'),
        periodEnd: new Date('2027-01-01T00:00:00Z'),
        status: 'paid',
        customerName: over.customerName === undefined ? 'Ada Lovelace' : over.customerName,
        customerEmail: over.customerName === null ? null : 'ada@example.com',
        issuedAt: new Date('2026-12-01T00:00:00Z'),
        paidAt: new Date('2026-12-01T00:01:00Z'),
      },
    });
    return id;
  };

  beforeAll(async () => {
    svc = await startBilling();
    db = createDatabase(svc.databaseUrl);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  it('answers the owner their invoice as a PDF to keep, with its amounts and buyer', async () => {
    const id = await insertInvoice({ number: 'KAV-2026/7' });
    const res = await svc.app.inject({ url: `/invoices/${id}/pdf`, headers: await bearer(owner) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="invoice-KAV-2026_7.pdf"',
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('KAV-2026/7');
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('Premium (monthly)');
    expect(text).toContain('Service period: 2026-12-01 to 2027-01-01');
    expect(text).toContain('Total USD 12.99');
  });

  it('prints "—" for the buyer of an invoice kept after the customer was erased', async () => {
    const id = await insertInvoice({ customerName: null });
    const res = await svc.app.inject({ url: `/invoices/${id}/pdf`, headers: await bearer(owner) });
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload);
    expect(text.split(' ')).toContain('—');
    expect(text).not.toContain('Ada');
    expect(text).toContain('Total USD 12.99');
  });

  it('answers another user 404 INVOICE_NOT_FOUND, as for a missing invoice; an admin gets it', async () => {
    const id = await insertInvoice();
    const other = await svc.app.inject({
      url: `/invoices/${id}/pdf`,
      headers: await bearer(stranger),
    });
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.json()).toMatchObject({ code: 'INVOICE_NOT_FOUND' });
    const missing = await svc.app.inject({
      url: `/invoices/${randomUUID()}/pdf`,
      headers: await bearer(owner),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'INVOICE_NOT_FOUND' });
    expect(missing.json().detail).toBe(other.json().detail);

    const admin = await svc.app.inject({
      url: `/invoices/${id}/pdf`,
      headers: await bearer(randomUUID(), ['admin']),
    });
    expect(admin.statusCode).toBe(200);
    expect(await pdfText(admin.rawPayload)).toContain('Ada Lovelace');
  });

  it('refuses an anonymous caller with 401 and a malformed id with 400', async () => {
    const id = await insertInvoice();
    const anonymous = await svc.app.inject({ url: `/invoices/${id}/pdf` });
    expect(anonymous.statusCode).toBe(401);
    const malformed = await svc.app.inject({
      url: `/invoices/${'x'.repeat(40)}/pdf`,
      headers: await bearer(owner),
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
