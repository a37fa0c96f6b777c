import { authUserDeletedV1 } from '@kavosh/contracts';
import { defineHandler, type Consumer, type Messaging } from '@kavosh/messaging';
import type { Prisma } from '../generated/prisma/client.js';
import { eraseUser } from './erase.js';

export const ACCOUNTS_QUEUE = 'catalog.accounts';

/** Erases a deleted account's entitlements and authorship (auth.user.deleted.v1). */
export const subscribeAccountDeletion = (
  messaging: Messaging<Prisma.TransactionClient>,
): Promise<Consumer> =>
  messaging.subscribe({
    queue: ACCOUNTS_QUEUE,
    handlers: {
      [authUserDeletedV1.type]: defineHandler(
        authUserDeletedV1.consumerSchema,
        async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
          const erased = await eraseUser(tx, data.userId, new Date(data.deletedAt));
          logger.info({ userId: data.userId, ...erased }, 'deleted account erased from catalog');
        },
      ),
    },
  });
