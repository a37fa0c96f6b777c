import { billingPaymentFailedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { isErased } from '../../profiles/index.js';
import type { Notifier } from '../service.js';

/** Tells the payer a payment failed, with the provider's reason (safe to show, never card data). */
export const billingPaymentFailed = (notifier: Notifier) =>
  defineHandler(
    billingPaymentFailedV1.consumerSchema,
    async ({ id, data }, tx: Prisma.TransactionClient) => {
      // A late event about a deleted account must not leave a notification behind.
      if (await isErased(tx, data.userId)) return;
      await notifier.createFromEvent(tx, id, [
        {
          userId: data.userId,
          kind: 'payment.failed',
          data: {
            paymentId: data.paymentId,
            amountMinor: data.amount.amountMinor,
            currency: data.amount.currency,
            reason: data.reason,
          },
        },
      ]);
    },
  );
