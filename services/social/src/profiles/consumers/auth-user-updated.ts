import { authUserUpdatedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { initialsOf } from '../initials.js';
import { applyProfile } from '../repository.js';

/** The full current state: applied only when newer than the one held (updatedAt). */
export const authUserUpdated = defineHandler(
  authUserUpdatedV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    const outcome = await applyProfile(tx, {
      userId: data.userId,
      displayName: data.displayName,
      initials: initialsOf(data.displayName),
      roles: data.roles,
      at: new Date(data.updatedAt),
    });
    if (outcome !== 'applied') logger.debug({ userId: data.userId, outcome }, 'profile kept');
  },
);
