import type { Consumer, Messaging } from '@kavosh/messaging';
import type { Logger } from 'pino';
import { authUserDeleted } from './accounts/consumers/auth-user-deleted.js';
import { billingSubscriptionActivated } from './entitlements/consumers/billing-subscription-activated.js';
import { billingSubscriptionCanceled } from './entitlements/consumers/billing-subscription-canceled.js';
import { billingSubscriptionExpired } from './entitlements/consumers/billing-subscription-expired.js';
import type { Prisma } from './generated/prisma/client.js';
import { socialRatingChanged } from './ratings/consumers/social-rating-changed.js';

// Catalog's queues (`catalog.<purpose>`, prefixed in tests) and what each handles. Each queue is
// bound to its handlers' event types, with retries and a DLQ (packages/messaging).
export const QUEUES = {
  ratings: 'catalog.ratings',
  entitlements: 'catalog.entitlements',
  accounts: 'catalog.accounts',
} as const;

export interface ConsumersOptions {
  logger: Logger;
  /** After a movie's new rating aggregate is committed (not for duplicates): drop its cache. */
  onRatingChanged: (movieId: string) => Promise<void>;
}

/** Starts every catalog consumer on the process's messaging; they stop with messaging.close(). */
export async function startConsumers(
  messaging: Messaging<Prisma.TransactionClient>,
  { logger, onRatingChanged }: ConsumersOptions,
): Promise<Consumer[]> {
  return [
    await messaging.subscribe({
      queue: QUEUES.ratings,
      handlers: { 'social.rating.changed.v1': socialRatingChanged },
      onHandled: (event) => {
        const movieId = event.subject;
        if (!movieId) return;
        onRatingChanged(movieId).catch((err: unknown) =>
          logger.warn({ err, movieId }, 'after a rating change, the movie could not be refreshed'),
        );
      },
    }),
    await messaging.subscribe({
      queue: QUEUES.entitlements,
      handlers: {
        'billing.subscription.activated.v1': billingSubscriptionActivated,
        'billing.subscription.canceled.v1': billingSubscriptionCanceled,
        'billing.subscription.expired.v1': billingSubscriptionExpired,
      },
    }),
    await messaging.subscribe({
      queue: QUEUES.accounts,
      handlers: { 'auth.user.deleted.v1': authUserDeleted },
    }),
  ];
}
