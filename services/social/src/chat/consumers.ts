import type { Consumer, Messaging } from '@kavosh/messaging';
import type { Prisma } from '../generated/prisma/client.js';
import { authUserDeleted } from './consumers/auth-user-deleted.js';

/** The chat and blocks queue (prefixed in tests): erasing deleted accounts. */
export const CHAT_QUEUES = { erasure: 'social.chat-erasure' } as const;

export async function startChatConsumers(
  messaging: Messaging<Prisma.TransactionClient>,
): Promise<Consumer[]> {
  return [
    await messaging.subscribe({
      queue: CHAT_QUEUES.erasure,
      handlers: { 'auth.user.deleted.v1': authUserDeleted },
    }),
  ];
}
