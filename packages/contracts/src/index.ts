export {
  Envelope,
  Traceparent,
  type EventTypeName,
  type ProducerOf,
  type Service,
} from './envelope.js';
export type { EventConsumer } from './define-event.js';
export { DisplayName, Email, Money, Role, Roles, Tier, UtcDateTime, Uuid } from './fields.js';
export {
  EVENTS,
  EVENTS_EXCHANGE,
  type EventDefinition,
  type EventOf,
  type EventType,
  type KavoshEvent,
} from './registry.js';
export {
  AuthUserDeletedV1,
  AuthUserDeletedV1Data,
  AuthUserRegisteredV1,
  AuthUserRegisteredV1Data,
  AuthUserUpdatedV1,
  AuthUserUpdatedV1Data,
  authUserDeletedV1,
  authUserRegisteredV1,
  authUserUpdatedV1,
} from './auth.js';
export {
  CatalogMoviePublishedV1,
  CatalogMoviePublishedV1Data,
  CatalogMovieUnpublishedV1,
  CatalogMovieUnpublishedV1Data,
  catalogMoviePublishedV1,
  catalogMovieUnpublishedV1,
} from './catalog.js';
export {
  BillingPaymentFailedV1,
  BillingPaymentFailedV1Data,
  BillingPaymentSucceededV1,
  BillingPaymentSucceededV1Data,
  BillingSubscriptionActivatedV1,
  BillingSubscriptionActivatedV1Data,
  BillingSubscriptionCanceledV1,
  BillingSubscriptionCanceledV1Data,
  BillingSubscriptionExpiredV1,
  BillingSubscriptionExpiredV1Data,
  billingPaymentFailedV1,
  billingPaymentSucceededV1,
  billingSubscriptionActivatedV1,
  billingSubscriptionCanceledV1,
  billingSubscriptionExpiredV1,
} from './billing.js';
export {
  SocialCommentCreatedV1,
  SocialCommentCreatedV1Data,
  SocialRatingChangedV1,
  SocialRatingChangedV1Data,
  socialCommentCreatedV1,
  socialRatingChangedV1,
} from './social.js';
