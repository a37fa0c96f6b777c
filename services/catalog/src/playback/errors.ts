import { AppError } from '@kavosh/service-kit';

/** Unknown or not published: a draft's playback is as invisible as the draft itself. */
export class PlaybackMovieNotFound extends AppError {
  constructor() {
    super({ status: 404, code: 'MOVIE_NOT_FOUND', title: 'Movie not found' });
  }
}

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
