import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import type { InvoicePdfService } from './pdf-service.js';

const InvoicePdfParams = Type.Object(
  { id: Type.String({ format: 'uuid', maxLength: 36 }) },
  { additionalProperties: false },
);

const PdfBytes = Type.Unsafe<unknown>({
  type: 'string',
  format: 'binary',
  description: 'The invoice as application/pdf',
});

/** GET /invoices/:id/pdf: the owner's (or, for an admin, anyone's) invoice as a PDF to keep. */
export const invoicePdfRoutes: FastifyPluginAsyncTypebox<{
  invoicePdfs: InvoicePdfService;
}> = async (app, { invoicePdfs }) => {
  app.get(
    '/:id/pdf',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['invoices'],
        summary: 'One of your invoices as a PDF (an admin: anyone’s)',
        description:
          'Renders one of the caller’s invoices as a PDF attachment; another user’s invoice is 404, as if it did not exist (admins get any).',
        params: InvoicePdfParams,
        response: {
          200: PdfBytes,
          401: problemSchema('UNAUTHENTICATED'),
          404: problemSchema('INVOICE_NOT_FOUND: no such invoice, or not yours'),
        },
      },
    },
    async (req, reply) => {
      const identity = identityOf(req);
      const pdf = await invoicePdfs.render(req.params.id, {
        userId: identity.userId,
        admin: identity.roles.includes('admin'),
      });
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
          // Personal data: never kept by a shared cache.
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(pdf.body)
      );
    },
  );
};
