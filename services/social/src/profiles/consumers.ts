import type { Consumer, Messaging } from '@kavosh/messaging';
import type { Prisma } from '../generated/prisma/client.js';
import type { AggregateState } from '../ratings/events.js';
import { authUserDeleted } from './consumers/auth-user-deleted.js';
import { authUserRegistered } from './consumers/auth-user-registered.js';
import { authUserUpdated } from './consumers/auth-user-updated.js';

/** The profiles projection and S1's account erasure: one queue, so one user's events keep order. */
export const PROFILES_QUEUE = 'social.profiles';

export interface ProfileConsumersOptions {
  /** After an erasure's commit: the rating aggregates it changed (live movie rooms). */
  onRatingsErased?: (aggregates: readonly AggregateState[]) => void;
}

export async function startProfileConsumers(
  messaging: Messaging<Prisma.TransactionClient>,
  { onRatingsErased }: ProfileConsumersOptions = {},
): Promise<Consumer> {
  // Filled by the deletion handler inside its transaction, read once it committed. A retried
  // event overwrites its own entry; one that finally fails leaves a few ids behind, which the
  // next handled event of this queue does not read.
  const erased = new Map<string, AggregateState[]>();
  return messaging.subscribe({
    queue: PROFILES_QUEUE,
    handlers: {
      'auth.user.registered.v1': authUserRegistered,
      'auth.user.updated.v1': authUserUpdated,
      'auth.user.deleted.v1': authUserDeleted(erased),
    },
    onHandled: (event) => {
      const aggregates = erased.get(event.id);
      if (aggregates === undefined) return;
      erased.delete(event.id);
      onRatingsErased?.(aggregates);
    },
  });
}
