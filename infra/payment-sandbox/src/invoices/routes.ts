import type { FastifyInstance } from 'fastify';
import { LIST_PARAMS, listPage, queryParams } from '../http/list.js';
import { noSuch } from '../http/stripe-error.js';
import type { Sandbox } from '../sandbox.js';
import type { InvoiceRecord } from '../state.js';
import { representInvoice } from './representation.js';

export function invoiceRoutes(app: FastifyInstance, sandbox: Sandbox): void {
  const represent = (invoice: InvoiceRecord) => representInvoice(invoice, sandbox.config.publicUrl);

  app.get('/v1/invoices', async (request) => {
    const query = queryParams(request.query).allowOnly([
      ...LIST_PARAMS,
      'customer',
      'subscription',
      'status',
    ]);
    const customer = query.string('customer', 255);
    const subscription = query.string('subscription', 255);
    const status = query.oneOf('status', [
      'draft',
      'open',
      'paid',
      'uncollectible',
      'void',
    ] as const);
    const invoices = [...sandbox.state.invoices.values()].filter(
      (invoice) =>
        (customer === undefined || invoice.customer === customer) &&
        (subscription === undefined || invoice.subscription === subscription) &&
        (status === undefined || invoice.status === status),
    );
    return listPage(invoices, query, '/v1/invoices', 'invoice', represent);
  });

  app.get<{ Params: { id: string } }>('/v1/invoices/:id', async (request) => {
    queryParams(request.query).allowOnly([]);
    const invoice = sandbox.state.invoices.get(request.params.id);
    if (!invoice) throw noSuch('invoice', request.params.id);
    return represent(invoice);
  });
}
