import { billingSubscriptionExpiredV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { isErased } from '../../profiles/index.js';
import type { Notifier } from '../service.js';

/** The subscription ended. */
export const billingSubscriptionExpired = (notifier: Notifier) =>
  defineHandler(
    billingSubscriptionExpiredV1.consumerSchema,
    async ({ id, data }, tx: Prisma.TransactionClient) => {
      if (await isErased(tx, data.userId)) return;
      await notifier.createFromEvent(tx, id, [
        {
          userId: data.userId,
          kind: 'subscription.expired',
          data: { subscriptionId: data.subscriptionId, expiredAt: data.expiredAt },
        },
      ]);
    },
  );
