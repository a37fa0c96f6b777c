import { authUserDeletedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { eraseNotificationsOf } from '../../notifications/index.js';
import { markErased } from '../../profiles/index.js';
import { deleteForUser } from '../repository.js';

/**
 * Erases what S2 holds about a deleted user: follows both ways, genre follows, notifications to
 * them and those they caused (which carry their display name). Deletes only: a redelivery or a
 * replay finds nothing left to delete. The deletion mark comes first (markErased): a notification
 * about the user that raced this handler has committed before the delete below runs, and one
 * handled after it sees the mark and is not created.
 */
export const authUserDeleted = defineHandler(
  authUserDeletedV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    await markErased(tx, data.userId, new Date(data.deletedAt));
    await deleteForUser(tx, data.userId);
    const notifications = await eraseNotificationsOf(tx, data.userId);
    logger.debug({ notifications }, 'follows and notifications of a deleted user erased');
  },
);
