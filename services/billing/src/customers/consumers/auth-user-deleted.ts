import { authUserDeletedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import type { PaymentProvider } from '../../provider/index.js';
import { eraseDeletedUser } from '../service.js';

/** A deleted account: cancel at the provider, erase personal data, anonymize invoices. */
export const authUserDeleted = (provider: PaymentProvider) =>
  defineHandler(
    authUserDeletedV1.consumerSchema,
    async (event, tx: Prisma.TransactionClient, { logger }) => {
      await eraseDeletedUser(
        tx,
        provider,
        { userId: event.data.userId, deletedAt: new Date(event.data.deletedAt), eventId: event.id },
        logger,
      );
    },
  );
