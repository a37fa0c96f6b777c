import { billingPaymentSucceededV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { isErased } from '../../profiles/index.js';
import type { Notifier } from '../service.js';

/** A payment went through; its invoice is ready. */
export const billingPaymentSucceeded = (notifier: Notifier) =>
  defineHandler(
    billingPaymentSucceededV1.consumerSchema,
    async ({ id, data }, tx: Prisma.TransactionClient) => {
      if (await isErased(tx, data.userId)) return;
      await notifier.createFromEvent(tx, id, [
        {
          userId: data.userId,
          kind: 'payment.succeeded',
          data: {
            paymentId: data.paymentId,
            invoiceId: data.invoiceId,
            amountMinor: data.amount.amountMinor,
            currency: data.amount.currency,
          },
        },
      ]);
    },
  );
