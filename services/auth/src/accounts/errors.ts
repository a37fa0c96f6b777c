import { AppError } from '@kavosh/service-kit';

export class EmailTaken extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'EMAIL_TAKEN',
      title: 'Email already registered',
      detail: 'An account with this email already exists.',
    });
  }
}

/** One message for an unknown email and a wrong password: no account enumeration. */
export class InvalidCredentials extends AppError {
  constructor() {
    super({
      status: 401,
      code: 'INVALID_CREDENTIALS',
      title: 'Invalid credentials',
      detail: 'The email or password is wrong.',
    });
  }
}

export class UserNotFound extends AppError {
  constructor() {
    super({ status: 404, code: 'USER_NOT_FOUND', title: 'User not found' });
  }
}

export class LastAdmin extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'LAST_ADMIN',
      title: 'Last admin',
      detail: 'The last admin cannot be demoted or deleted; promote another admin first.',
    });
  }
}

export class TooManyAttempts extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super({
      status: 429,
      code: 'TOO_MANY_ATTEMPTS',
      title: 'Too many failed logins',
      detail: `Too many failed logins; retry in ${retryAfterSeconds} s.`,
      extra: { retryAfterSeconds },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 403: the current password given to confirm a sensitive change is wrong. */
export class WrongPassword extends AppError {
  constructor() {
    super({
      status: 403,
      code: 'WRONG_PASSWORD',
      title: 'Wrong password',
      detail: 'The current password is wrong.',
    });
  }
}

/** Stops the start: the bootstrap email belongs to an account that must not become admin. */
export class BootstrapAdminRefused extends Error {
  constructor() {
    super(
      'AUTH_BOOTSTRAP_ADMIN_EMAIL belongs to an existing account whose password is not ' +
        'AUTH_BOOTSTRAP_ADMIN_PASSWORD; refusing to make it an admin. Set that account’s password ' +
        'to the bootstrap password, or bootstrap with another email.',
    );
    this.name = 'BootstrapAdminRefused';
  }
}
