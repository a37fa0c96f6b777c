import type { Logger } from 'pino';
import type { Prisma } from '../../generated/prisma/client.js';
import { applySubscriptionFact, type SubscriptionFact } from '../repository.js';

/** Records one subscription fact; a fact about a deleted account is dropped. */
export async function recordFact(
  tx: Prisma.TransactionClient,
  fact: SubscriptionFact,
  logger: Logger,
): Promise<void> {
  if ((await applySubscriptionFact(tx, fact)) === 'erased-user') {
    logger.debug({ subscriptionId: fact.subscriptionId }, 'subscription of a deleted user ignored');
  }
}
