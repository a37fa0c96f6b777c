import { AppError } from '@kavosh/service-kit';

export class IdempotencyKeyReused extends AppError {
  constructor() {
    super({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      title: 'Idempotency-Key reused',
      detail: 'This Idempotency-Key was used with a different request body; use a new key.',
    });
  }
}

export class IdempotencyKeyInFlight extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'IDEMPOTENCY_KEY_IN_FLIGHT',
      title: 'Request in progress',
      detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
    });
  }
}

export class AlreadySubscribed extends AppError {
  constructor(status: string) {
    super({
      status: 409,
      code: 'ALREADY_SUBSCRIBED',
      title: 'Already subscribed',
      detail: `You already have a subscription (${status}); cancel it or let it end first.`,
      extra: { subscriptionStatus: status },
    });
  }
}
