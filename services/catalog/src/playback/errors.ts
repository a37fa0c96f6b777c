import { AppError } from '@kavosh/service-kit';

export class SubscriptionRequired extends AppError {
  constructor() {
    super({
      status: 403,
      code: 'SUBSCRIPTION_REQUIRED',
      title: 'Subscription required',
      detail: 'This title is for premium subscribers; subscribe to watch it.',
    });
  }
}

/** The movie's stream key is not a path nginx would serve as signed (empty, `.` or `..` parts). */
export class StreamUnavailable extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'STREAM_UNAVAILABLE',
      title: 'Stream unavailable',
      detail: "This movie's stream is not set up correctly; an editor must fix its stream key.",
    });
  }
}
