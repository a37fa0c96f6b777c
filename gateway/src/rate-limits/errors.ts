import { AppError } from '@kavosh/service-kit';

/** 429: the caller used up its requests for this window; Retry-After says when to come back. */
export class RateLimited extends AppError {
  constructor(retryAfterSeconds: number) {
    super({
      status: 429,
      code: 'RATE_LIMITED',
      title: 'Too many requests',
      detail: `Rate limit exceeded; retry in ${retryAfterSeconds} s.`,
    });
  }
}

/** 503: the shared counter (Redis) does not answer and this route does not run uncounted. */
export class RateLimitUnavailable extends AppError {
  constructor(cause?: unknown) {
    super({
      status: 503,
      code: 'RATE_LIMIT_UNAVAILABLE',
      title: 'Service temporarily unavailable',
      detail: 'Requests to this route cannot be counted right now; retry later.',
      cause,
    });
  }
}
