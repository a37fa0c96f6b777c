import { billingSubscriptionExpiredV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { recordFact } from './apply.js';

/** Ended: no access from expiredAt on, whatever arrives later with an older time. */
export const billingSubscriptionExpired = defineHandler(
  billingSubscriptionExpiredV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    const { subscriptionId, userId, expiredAt } = data;
    const at = new Date(expiredAt);
    await recordFact(
      tx,
      { subscriptionId, userId, state: 'expired', validUntil: at, factAt: at },
      logger,
    );
  },
);
