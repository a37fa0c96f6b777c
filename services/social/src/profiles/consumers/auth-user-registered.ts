import { authUserRegisteredV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { initialsOf } from '../initials.js';
import { applyProfile } from '../repository.js';

export const authUserRegistered = defineHandler(
  authUserRegisteredV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    const outcome = await applyProfile(tx, {
      userId: data.userId,
      displayName: data.displayName,
      initials: initialsOf(data.displayName),
      roles: data.roles,
      at: new Date(data.registeredAt),
    });
    if (outcome !== 'applied') logger.debug({ userId: data.userId, outcome }, 'profile kept');
  },
);
