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

/** 401: a partner key that is malformed, unknown, revoked or expired; one generic answer. */
export class PartnerKeyInvalid extends AppError {
  constructor() {
    super({
      status: 401,
      code: 'PARTNER_KEY_INVALID',
      title: 'Invalid partner key',
      detail: 'The partner key is invalid, expired or revoked.',
    });
  }
}

/** 403: a valid partner key, but the route needs a scope the key does not hold. */
export class PartnerScopeForbidden extends AppError {
  constructor() {
    super({
      status: 403,
      code: 'PARTNER_SCOPE_FORBIDDEN',
      title: 'Forbidden',
      detail: 'This partner key may not call this route.',
    });
  }
}
