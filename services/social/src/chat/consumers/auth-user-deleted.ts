import { authUserDeletedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import { deleteBlocksOf } from '../../blocks/index.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { eraseChatOf } from '../repository.js';

/**
 * A deleted account: its blocks (both ways), its chat messages and its participation go; the
 * other participant keeps the conversation, shown with a deleted user. Running it twice erases
 * nothing more (and the inbox makes a redelivery a no-op anyway).
 */
export const authUserDeleted = defineHandler(
  authUserDeletedV1.consumerSchema,
  async ({ data }, tx: Prisma.TransactionClient, { logger }) => {
    const blocks = await deleteBlocksOf(tx, data.userId);
    const chat = await eraseChatOf(tx, data.userId);
    logger.info({ userId: data.userId, blocks, ...chat }, 'deleted account erased from chat');
  },
);
