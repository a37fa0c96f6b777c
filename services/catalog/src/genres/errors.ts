import { AppError } from '@kavosh/service-kit';

export class GenreNotFound extends AppError {
  constructor(id: string) {
    super({
      status: 404,
      code: 'GENRE_NOT_FOUND',
      title: 'Genre not found',
      detail: `No genre has the id ${id}.`,
    });
  }
}

export class GenreTaken extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'GENRE_TAKEN',
      title: 'Genre exists',
      detail: 'Another genre has this name or slug.',
    });
  }
}

export class GenreInUse extends AppError {
  constructor(movies: number) {
    super({
      status: 409,
      code: 'GENRE_IN_USE',
      title: 'Genre in use',
      detail: `${movies} movie(s) have this genre; remove it from them first.`,
      extra: { movies },
    });
  }
}
