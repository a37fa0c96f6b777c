import {
  billingSubscriptionActivatedV1,
  billingSubscriptionCanceledV1,
  billingSubscriptionExpiredV1,
} from '@kavosh/contracts';
import { defineHandler, type Consumer, type Messaging } from '@kavosh/messaging';
import type { Logger } from 'pino';
import type { Prisma } from '../generated/prisma/client.js';
import { applySubscriptionFact, type SubscriptionFact } from './projection.js';

type CatalogTx = Prisma.TransactionClient;

export const ENTITLEMENTS_QUEUE = 'catalog.entitlements';

async function apply(tx: CatalogTx, fact: SubscriptionFact, logger: Logger): Promise<void> {
  if ((await applySubscriptionFact(tx, fact)) === 'erased-user') {
    // The account was deleted before this event arrived: its entitlements stay erased.
    logger.debug({ subscriptionId: fact.subscriptionId }, 'subscription of a deleted user ignored');
  }
}

/** Keeps `entitlements` in step with billing's subscription events (one row per subscription). */
export const subscribeEntitlements = (messaging: Messaging<CatalogTx>): Promise<Consumer> =>
  messaging.subscribe({
    queue: ENTITLEMENTS_QUEUE,
    handlers: {
      [billingSubscriptionActivatedV1.type]: defineHandler(
        billingSubscriptionActivatedV1.consumerSchema,
        async ({ data }, tx: CatalogTx, { logger }) => {
          const { subscriptionId, userId, currentPeriodEnd, activatedAt } = data;
          const validUntil = new Date(currentPeriodEnd);
          const factAt = new Date(activatedAt);
          await apply(tx, { subscriptionId, userId, state: 'active', validUntil, factAt }, logger);
        },
      ),
      [billingSubscriptionCanceledV1.type]: defineHandler(
        billingSubscriptionCanceledV1.consumerSchema,
        async ({ data }, tx: CatalogTx, { logger }) => {
          const { subscriptionId, userId, endsAt, canceledAt } = data;
          const validUntil = new Date(endsAt);
          const factAt = new Date(canceledAt);
          await apply(
            tx,
            { subscriptionId, userId, state: 'canceled', validUntil, factAt },
            logger,
          );
        },
      ),
      [billingSubscriptionExpiredV1.type]: defineHandler(
        billingSubscriptionExpiredV1.consumerSchema,
        async ({ data }, tx: CatalogTx, { logger }) => {
          const { subscriptionId, userId, expiredAt } = data;
          const at = new Date(expiredAt);
          await apply(
            tx,
            { subscriptionId, userId, state: 'expired', validUntil: at, factAt: at },
            logger,
          );
        },
      ),
    },
  });
