import { billingSubscriptionActivatedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { isErased } from '../../profiles/index.js';
import type { Notifier } from '../service.js';

/** Tells the subscriber their subscription is active (a renewal publishes it again: told again). */
export const billingSubscriptionActivated = (notifier: Notifier) =>
  defineHandler(
    billingSubscriptionActivatedV1.consumerSchema,
    async ({ id, data }, tx: Prisma.TransactionClient) => {
      // A late event about a deleted account must not leave a notification behind.
      if (await isErased(tx, data.userId)) return;
      await notifier.createFromEvent(tx, id, [
        {
          userId: data.userId,
          kind: 'subscription.activated',
          data: {
            subscriptionId: data.subscriptionId,
            planId: data.planId,
            currentPeriodEnd: data.currentPeriodEnd,
          },
        },
      ]);
    },
  );
