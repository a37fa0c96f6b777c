import { AppError } from '@kavosh/service-kit';

export class RatingNotFound extends AppError {
  constructor(movieId: string) {
    super({
      status: 404,
      code: 'RATING_NOT_FOUND',
      title: 'Rating not found',
      detail: `You have not rated the movie ${movieId}.`,
    });
  }
}
