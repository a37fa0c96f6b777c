import {
  authUserDeletedV1,
  authUserRegisteredV1,
  authUserUpdatedV1,
  type AuthUserDeletedV1,
  type AuthUserRegisteredV1,
  type AuthUserUpdatedV1,
} from './auth.js';
import {
  billingPaymentFailedV1,
  billingPaymentSucceededV1,
  billingSubscriptionActivatedV1,
  billingSubscriptionCanceledV1,
  billingSubscriptionExpiredV1,
  type BillingPaymentFailedV1,
  type BillingPaymentSucceededV1,
  type BillingSubscriptionActivatedV1,
  type BillingSubscriptionCanceledV1,
  type BillingSubscriptionExpiredV1,
} from './billing.js';
import {
  catalogMoviePublishedV1,
  catalogMovieUnpublishedV1,
  type CatalogMoviePublishedV1,
  type CatalogMovieUnpublishedV1,
} from './catalog.js';
import {
  socialCommentCreatedV1,
  socialRatingChangedV1,
  type SocialCommentCreatedV1,
  type SocialRatingChangedV1,
} from './social.js';

/** The durable topic exchange every event is published to; the routing key is the event type. */
export const EVENTS_EXCHANGE = 'kavosh.events';

/**
 * Every event type Kavosh publishes: producer, consumers, the producer's strict envelope schema
 * (`schema`), the consumer's envelope schema that tolerates unknown data fields
 * (`consumerSchema`) and the strict `dataSchema`.
 */
export const EVENTS = [
  authUserRegisteredV1,
  authUserUpdatedV1,
  authUserDeletedV1,
  catalogMoviePublishedV1,
  catalogMovieUnpublishedV1,
  billingSubscriptionActivatedV1,
  billingSubscriptionCanceledV1,
  billingSubscriptionExpiredV1,
  billingPaymentSucceededV1,
  billingPaymentFailedV1,
  socialRatingChangedV1,
  socialCommentCreatedV1,
] as const;

/** One entry of `EVENTS`. */
export type EventDefinition = (typeof EVENTS)[number];

/** Any Kavosh event envelope. */
export type KavoshEvent =
  | AuthUserRegisteredV1
  | AuthUserUpdatedV1
  | AuthUserDeletedV1
  | CatalogMoviePublishedV1
  | CatalogMovieUnpublishedV1
  | BillingSubscriptionActivatedV1
  | BillingSubscriptionCanceledV1
  | BillingSubscriptionExpiredV1
  | BillingPaymentSucceededV1
  | BillingPaymentFailedV1
  | SocialRatingChangedV1
  | SocialCommentCreatedV1;

/** Every event type (= routing key), e.g. `'auth.user.registered.v1'`. */
export type EventType = KavoshEvent['type'];

/** The envelope type of one event type. */
export type EventOf<T extends EventType> = Extract<KavoshEvent, { type: T }>;
