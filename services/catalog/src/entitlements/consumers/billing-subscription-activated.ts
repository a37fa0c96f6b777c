import { billingSubscriptionActivatedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { recordFact } from './apply.js';

/** Started or renewed: active until currentPeriodEnd, as of activatedAt. */
export const billingSubscriptionActivated = defineHandler(
  billingSubscriptionActivatedV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    const { subscriptionId, userId, currentPeriodEnd, activatedAt } = data;
    const validUntil = new Date(currentPeriodEnd);
    const factAt = new Date(activatedAt);
    await recordFact(tx, { subscriptionId, userId, state: 'active', validUntil, factAt }, logger);
  },
);
