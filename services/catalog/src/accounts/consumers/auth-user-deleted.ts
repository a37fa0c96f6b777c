import { authUserDeletedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { eraseUser } from '../service.js';

/** A deleted account: erase what catalog holds about it. */
export const authUserDeleted = defineHandler(
  authUserDeletedV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    const erased = await eraseUser(tx, data.userId, new Date(data.deletedAt));
    logger.info({ userId: data.userId, ...erased }, 'deleted account erased from catalog');
  },
);
