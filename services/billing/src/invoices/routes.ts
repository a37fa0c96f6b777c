import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemSchema } from '@kavosh/service-kit';
import { ownerOf, viewerOf } from '../infrastructure/access.js';
import { Invoice, InvoiceParams, InvoicePage, ListQuery, PaymentPage } from './schemas.js';
import type { InvoicesService } from './service.js';

const listErrors = {
  400: problemSchema('VALIDATION_FAILED or CURSOR_INVALID'),
  401: problemSchema('UNAUTHENTICATED'),
  403: problemSchema('FORBIDDEN: ?userId= is for admins'),
};

/** GET /invoices, GET /invoices/:id and GET /payments. */
export const invoicesRoutes: FastifyPluginAsyncTypebox<{ invoices: InvoicesService }> = async (
  app,
  { invoices },
) => {
  app.get(
    '/invoices',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['invoices'],
        summary: 'Your invoices, newest first (admins: any user with ?userId=)',
        description:
          "Pages through the caller's invoices, newest first; admins may name any user with userId.",
        querystring: ListQuery,
        response: { 200: InvoicePage, ...listErrors },
      },
    },
    async (req) => invoices.listInvoices(ownerOf(req, req.query.userId), req.query),
  );

  app.get(
    '/invoices/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['invoices'],
        summary: 'One of your invoices (admins: anyone’s)',
        description:
          "One invoice of the caller; another user's invoice is 404, as if it did not exist (admins see any).",
        params: InvoiceParams,
        response: {
          200: Invoice,
          401: problemSchema('UNAUTHENTICATED'),
          404: problemSchema('INVOICE_NOT_FOUND: no such invoice, or not yours'),
        },
      },
    },
    async (req) => invoices.getInvoice(req.params.id, viewerOf(req)),
  );

  app.get(
    '/payments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['payments'],
        summary: 'Your payment attempts, newest first (admins: any user with ?userId=)',
        description:
          "Pages through the caller's payment attempts and their outcome, newest first; admins may name any user with userId.",
        querystring: ListQuery,
        response: { 200: PaymentPage, ...listErrors },
      },
    },
    async (req) => invoices.listPayments(ownerOf(req, req.query.userId), req.query),
  );
};
