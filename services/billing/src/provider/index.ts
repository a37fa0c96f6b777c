export type {
  CheckoutSessionRequest,
  PaymentProvider,
  ProviderCheckoutSession,
  ProviderEvent,
  ProviderInvoice,
  ProviderSubscription,
  ProviderSubscriptionStatus,
} from './types.js';
export { createStripeProvider, toProviderEvent, type StripeProviderConfig } from './stripe.js';
export { ProviderRequestRefused, ProviderUnavailable, WebhookSignatureInvalid } from './errors.js';
