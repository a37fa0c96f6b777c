import { authUserRegisteredV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { recordRegisteredUser } from '../service.js';

/** A new account: its customer record (the provider's customer waits for the first checkout). */
export const authUserRegistered = defineHandler(
  authUserRegisteredV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient) => {
    await recordRegisteredUser(tx, {
      userId: data.userId,
      email: data.email,
      displayName: data.displayName,
      registeredAt: new Date(data.registeredAt),
    });
  },
);
