import { authUserDeletedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { eraseNotificationsOf } from '../../notifications/index.js';
import { deleteForUser } from '../repository.js';

/**
 * Erases what S2 holds about a deleted user: follows both ways, genre follows, notifications to
 * them and those they caused (which carry their display name). Deletes only: a redelivery or a
 * replay finds nothing left to delete.
 */
export const authUserDeleted = defineHandler(
  authUserDeletedV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    await deleteForUser(tx, data.userId);
    const notifications = await eraseNotificationsOf(tx, data.userId);
    logger.debug({ notifications }, 'follows and notifications of a deleted user erased');
  },
);
