import { billingSubscriptionCanceledV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { recordFact } from './apply.js';

/** Will not renew: access continues until endsAt, as of canceledAt. */
export const billingSubscriptionCanceled = defineHandler(
  billingSubscriptionCanceledV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    const { subscriptionId, userId, endsAt, canceledAt } = data;
    const validUntil = new Date(endsAt);
    const factAt = new Date(canceledAt);
    await recordFact(tx, { subscriptionId, userId, state: 'canceled', validUntil, factAt }, logger);
  },
);
