import { AppError } from '@kavosh/service-kit';

export class MovieNotFound extends AppError {
  constructor(idOrSlug: string) {
    super({
      status: 404,
      code: 'MOVIE_NOT_FOUND',
      title: 'Movie not found',
      detail: `No movie matches "${idOrSlug}".`,
    });
  }
}

/** A genre or person id in a movie body that does not exist. */
export class UnknownReference extends AppError {
  constructor(kind: 'genre' | 'person', ids: string[]) {
    super({
      status: 400,
      code: kind === 'genre' ? 'UNKNOWN_GENRE' : 'UNKNOWN_PERSON',
      title: kind === 'genre' ? 'Unknown genre' : 'Unknown person',
      detail: `No ${kind} has the id ${ids.join(', ')}.`,
      extra: { ids },
    });
  }
}

/** A status filter other than published, asked by someone who cannot see drafts. */
export class StatusFilterForbidden extends AppError {
  constructor() {
    super({
      status: 403,
      code: 'FORBIDDEN',
      title: 'Forbidden',
      detail: 'Only editors can list movies that are not published.',
    });
  }
}

/** A credit list that cannot be stored: a person twice in one role, a character off the cast. */
export class InvalidCredit extends AppError {
  constructor(detail: string) {
    super({ status: 400, code: 'INVALID_CREDIT', title: 'Invalid credit', detail });
  }
}

/** Two movies racing for one slug; the loser retries. */
export class SlugTaken extends AppError {
  constructor(slug: string) {
    super({
      status: 409,
      code: 'SLUG_TAKEN',
      title: 'Slug taken',
      detail: `Another movie took the slug "${slug}" at the same moment; retry.`,
    });
  }
}

export class MovieStateConflict extends AppError {
  constructor(detail: string) {
    super({ status: 409, code: 'MOVIE_STATE_CONFLICT', title: 'Movie state conflict', detail });
  }
}

/** A genre or person the movie names was deleted while the write ran. */
export class ReferenceGone extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'REFERENCE_GONE',
      title: 'Reference gone',
      detail: 'A genre or person in this movie was deleted meanwhile; reload them and retry.',
    });
  }
}
