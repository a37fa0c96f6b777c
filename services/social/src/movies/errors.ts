import { AppError } from '@kavosh/service-kit';

/** 404 for a movie social has not seen published, or that was withdrawn since. */
export class MovieNotFound extends AppError {
  constructor(movieId: string) {
    super({
      status: 404,
      code: 'MOVIE_NOT_FOUND',
      title: 'Movie not found',
      detail: `No published movie has the id ${movieId}.`,
    });
  }
}
