import { AppError } from '@kavosh/service-kit';

/** 401 for an unknown, expired, revoked or just-spent refresh token: one message for all. */
export class RefreshTokenInvalid extends AppError {
  constructor() {
    super({
      status: 401,
      code: 'TOKEN_INVALID',
      title: 'Invalid refresh token',
      detail: 'The refresh token is invalid or expired; log in again.',
    });
  }
}

/** 401: a spent refresh token came back; its whole family is revoked. */
export class RefreshTokenReused extends AppError {
  constructor() {
    super({
      status: 401,
      code: 'REFRESH_TOKEN_REUSED',
      title: 'Refresh token reused',
      detail:
        'This refresh token was already used; every session of this login ended. Log in again.',
    });
  }
}
