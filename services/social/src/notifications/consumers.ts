import type { Consumer, Messaging } from '@kavosh/messaging';
import type { Logger } from 'pino';
import type { Prisma } from '../generated/prisma/client.js';
import { billingPaymentSucceeded } from './consumers/billing-payment-succeeded.js';
import { billingSubscriptionCanceled } from './consumers/billing-subscription-canceled.js';
import { billingSubscriptionExpired } from './consumers/billing-subscription-expired.js';
import { billingPaymentFailed } from './consumers/billing-payment-failed.js';
import { billingSubscriptionActivated } from './consumers/billing-subscription-activated.js';
import { catalogMoviePublished } from './consumers/catalog-movie-published.js';
import { socialCommentCreated } from './consumers/social-comment-created.js';
import type { Notifier } from './service.js';

export const NOTIFICATION_QUEUES = { notifications: 'social.notifications' } as const;

/**
 * The queue that turns events into notifications. The inbox makes each event create its
 * notifications once; after the commit (never for a duplicate) they are delivered live.
 */
export async function startNotificationConsumers(
  messaging: Messaging<Prisma.TransactionClient>,
  opts: { notifier: Notifier; logger: Logger; genreFanoutMax: number },
): Promise<Consumer> {
  const { notifier, logger } = opts;
  return messaging.subscribe({
    queue: NOTIFICATION_QUEUES.notifications,
    handlers: {
      'social.comment.created.v1': socialCommentCreated(notifier),
      'catalog.movie.published.v1': catalogMoviePublished(notifier, {
        fanoutMax: opts.genreFanoutMax,
      }),
      'billing.subscription.activated.v1': billingSubscriptionActivated(notifier),
      'billing.subscription.canceled.v1': billingSubscriptionCanceled(notifier),
      'billing.subscription.expired.v1': billingSubscriptionExpired(notifier),
      'billing.payment.succeeded.v1': billingPaymentSucceeded(notifier),
      'billing.payment.failed.v1': billingPaymentFailed(notifier),
    },
    onHandled: (event) => {
      notifier
        .deliverEvent(event.id)
        .catch((err: unknown) =>
          logger.warn({ err, eventId: event.id }, 'notifications not delivered live'),
        );
    },
  });
}
