import { AppError } from '@kavosh/service-kit';

export class SubscriptionNotFound extends AppError {
  constructor() {
    super({
      status: 404,
      code: 'SUBSCRIPTION_NOT_FOUND',
      title: 'Subscription not found',
      detail: 'There is no subscription for this account.',
    });
  }
}

export class SubscriptionNotCancelable extends AppError {
  constructor(status: string) {
    super({
      status: 409,
      code: 'SUBSCRIPTION_NOT_CANCELABLE',
      title: 'Subscription cannot be canceled',
      detail: `A ${status} subscription cannot be canceled at period end.`,
      extra: { subscriptionStatus: status },
    });
  }
}

export class SubscriptionNotResumable extends AppError {
  constructor(status: string) {
    super({
      status: 409,
      code: 'SUBSCRIPTION_NOT_RESUMABLE',
      title: 'Subscription cannot be resumed',
      detail: `Only a canceled subscription whose period has not ended can be resumed (this one is ${status}).`,
      extra: { subscriptionStatus: status },
    });
  }
}
