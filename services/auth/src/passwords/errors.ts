import { AppError } from '@kavosh/service-kit';

export class WeakPassword extends AppError {
  constructor(detail: string) {
    super({ status: 400, code: 'WEAK_PASSWORD', title: 'Password not accepted', detail });
  }
}

/** 503: too many password hashes are already waiting; the client may retry shortly. */
export class PasswordHashingBusy extends AppError {
  readonly retryAfterSeconds = 1;
  constructor() {
    super({
      status: 503,
      code: 'PASSWORD_HASHING_BUSY',
      title: 'Too busy to check passwords',
      detail: 'Too many password checks are waiting; retry in 1 s.',
      extra: { retryAfterSeconds: 1 },
    });
  }
}
