import { AppError } from '@kavosh/service-kit';

/** Unknown, or another user's (the same answer, so ids of others' invoices do not leak). */
export class InvoiceNotFound extends AppError {
  constructor() {
    super({
      status: 404,
      code: 'INVOICE_NOT_FOUND',
      title: 'Invoice not found',
      detail: 'No invoice of yours has this id.',
    });
  }
}
