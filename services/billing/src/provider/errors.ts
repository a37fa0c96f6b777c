import { AppError } from '@kavosh/service-kit';

/** The provider did not answer or failed (network, 5xx, rate limit): retry later. */
export class ProviderUnavailable extends AppError {
  constructor(cause?: unknown) {
    super({
      status: 503,
      code: 'PROVIDER_UNAVAILABLE',
      title: 'Payment provider unavailable',
      detail: 'The payment provider does not answer; retry later.',
      cause,
    });
  }
}

/**
 * The provider refused a request billing made (a bug or a configuration problem on our side).
 * The provider's own message goes to the log (as the cause), never to the client.
 */
export class ProviderRequestRefused extends AppError {
  constructor(providerMessage: string, cause?: unknown) {
    super({
      status: 502,
      code: 'PROVIDER_REFUSED',
      title: 'Payment provider refused',
      detail: 'The payment provider refused the request; the operators have been told.',
      cause: cause ?? new Error(providerMessage),
    });
  }
}

/** A webhook whose signature is missing, wrong or too old. Never changes any state. */
export class WebhookSignatureInvalid extends AppError {
  constructor(reason: 'missing' | 'invalid' | 'stale' | 'malformed') {
    super({
      status: 400,
      code: 'WEBHOOK_SIGNATURE_INVALID',
      title: 'Webhook signature invalid',
      detail: `The Stripe-Signature header is ${reason}.`,
      extra: { reason },
    });
  }
}
