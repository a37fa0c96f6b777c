import { AppError } from '@kavosh/service-kit';

/** 400: a partner key was put in the query string, where logs and proxies keep it. */
export class PartnerKeyInQuery extends AppError {
  constructor() {
    super({
      status: 400,
      code: 'PARTNER_KEY_IN_QUERY',
      title: 'Key in query string',
      detail: 'Send the partner key in the X-Kavosh-Key or Authorization header only.',
    });
  }
}

/** 400: both a bearer token and a partner key; a request is made by one caller. */
export class CredentialsAmbiguous extends AppError {
  constructor() {
    super({
      status: 400,
      code: 'CREDENTIALS_AMBIGUOUS',
      title: 'Two credentials',
      detail: 'Send either an access token or a partner key, not both.',
    });
  }
}

/** 401: a missing or wrong signature, or one outside the clock window; one answer for all. */
export class SignatureInvalid extends AppError {
  constructor() {
    super({
      status: 401,
      code: 'SIGNATURE_INVALID',
      title: 'Invalid signature',
      detail: 'The request signature is missing, invalid or outside the allowed clock window.',
    });
  }
}

/** 401: this nonce was already used within the window. */
export class SignatureReplayed extends AppError {
  constructor() {
    super({
      status: 401,
      code: 'SIGNATURE_REPLAYED',
      title: 'Replayed request',
      detail: 'This signed request was already received; sign each request with a new nonce.',
    });
  }
}

/** 503: the nonce store (Redis) cannot be reached, so a replay could not be told apart. */
export class NonceStoreUnavailable extends AppError {
  constructor(cause: unknown) {
    super({
      status: 503,
      code: 'NONCE_STORE_UNAVAILABLE',
      title: 'Signed requests unavailable',
      detail: 'Signed requests cannot be checked right now; retry later.',
      cause,
    });
  }
}

/** 503: auth cannot be asked about a key (and it is not cached). */
export class PartnerVerificationUnavailable extends AppError {
  constructor(cause: unknown) {
    super({
      status: 503,
      code: 'PARTNER_VERIFICATION_UNAVAILABLE',
      title: 'Partner keys unavailable',
      detail: 'Partner keys cannot be verified right now; retry later.',
      cause,
    });
  }
}
