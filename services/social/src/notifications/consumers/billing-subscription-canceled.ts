import { billingSubscriptionCanceledV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { isErased } from '../../profiles/index.js';
import type { Notifier } from '../service.js';

/** The subscription will not renew; access lasts until endsAt. */
export const billingSubscriptionCanceled = (notifier: Notifier) =>
  defineHandler(
    billingSubscriptionCanceledV1.consumerSchema,
    async ({ id, data }, tx: Prisma.TransactionClient) => {
      if (await isErased(tx, data.userId)) return;
      await notifier.createFromEvent(tx, id, [
        {
          userId: data.userId,
          kind: 'subscription.canceled',
          data: { subscriptionId: data.subscriptionId, endsAt: data.endsAt },
        },
      ]);
    },
  );
