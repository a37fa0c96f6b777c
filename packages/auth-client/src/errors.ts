import { AppError } from '@kavosh/service-kit';

/** 401: no access token where one is needed. */
export class Unauthenticated extends AppError {
  constructor() {
    super({
      status: 401,
      code: 'UNAUTHENTICATED',
      title: 'Authentication required',
      detail: 'Send an access token as "Authorization: Bearer <token>".',
    });
  }
}

/** 401: the token is malformed, wrongly signed, expired or not meant for us; one generic message. */
export class TokenInvalid extends AppError {
  constructor(cause?: unknown) {
    super({
      status: 401,
      code: 'TOKEN_INVALID',
      title: 'Invalid access token',
      detail: 'The access token is invalid or expired.',
      cause,
    });
  }
}

/** 403: authenticated, but none of the roles the route needs. */
export class Forbidden extends AppError {
  constructor() {
    super({
      status: 403,
      code: 'FORBIDDEN',
      title: 'Forbidden',
      detail: 'Your account may not do this.',
    });
  }
}
