import { AppError } from '@kavosh/service-kit';

export class PosterNotFound extends AppError {
  constructor() {
    super({ status: 404, code: 'POSTER_NOT_FOUND', title: 'Poster not found' });
  }
}

export class PosterMissing extends AppError {
  constructor(detail: string) {
    super({ status: 400, code: 'POSTER_MISSING', title: 'No poster file', detail });
  }
}

/** Anything in the form besides the one file, or a form busboy cannot parse. */
export class InvalidPosterForm extends AppError {
  constructor(detail: string) {
    super({ status: 400, code: 'INVALID_MULTIPART', title: 'Invalid multipart form', detail });
  }
}

export class PosterTooLarge extends AppError {
  constructor(maxBytes: number) {
    super({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      title: 'Poster too large',
      detail: `A poster may have at most ${maxBytes} bytes.`,
      extra: { maxBytes },
    });
  }
}

export class UnsupportedPosterType extends AppError {
  constructor(detail: string) {
    super({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      title: 'Unsupported media type',
      detail,
    });
  }
}
