import type { Consumer, Messaging } from '@kavosh/messaging';
import type { Prisma } from '../generated/prisma/client.js';
import { authUserDeleted } from './consumers/auth-user-deleted.js';

export const FOLLOWS_QUEUES = { erasure: 'social.follows-erasure' } as const;

/** S2's own erasure queue for auth.user.deleted.v1 (profiles, chat… erase on their own queues). */
export const startFollowsConsumers = async (
  messaging: Messaging<Prisma.TransactionClient>,
): Promise<Consumer> =>
  messaging.subscribe({
    queue: FOLLOWS_QUEUES.erasure,
    handlers: { 'auth.user.deleted.v1': authUserDeleted },
  });
