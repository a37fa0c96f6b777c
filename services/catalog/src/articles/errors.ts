import { AppError } from '@kavosh/service-kit';

export class ArticleNotFound extends AppError {
  constructor(ref: string) {
    super({
      status: 404,
      code: 'ARTICLE_NOT_FOUND',
      title: 'Article not found',
      detail: `No article matches "${ref}".`,
    });
  }
}

export class UnknownMovies extends AppError {
  constructor(ids: string[]) {
    super({
      status: 400,
      code: 'UNKNOWN_MOVIE',
      title: 'Unknown movie',
      detail: `No movie has the id ${ids.map((id) => `"${id}"`).join(', ')}.`,
      extra: { movieIds: ids },
    });
  }
}

export class ArticleStateConflict extends AppError {
  constructor(detail: string) {
    super({ status: 409, code: 'ARTICLE_STATE_CONFLICT', title: 'Article state conflict', detail });
  }
}

export class DraftListForbidden extends AppError {
  constructor() {
    super({
      status: 403,
      code: 'FORBIDDEN',
      title: 'Forbidden',
      detail: 'Only editors can list articles that are not published.',
    });
  }
}

/** 409: the slug was taken by concurrent writers on every attempt; sending again succeeds. */
export class SlugConflict extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'SLUG_CONFLICT',
      title: 'Slug conflict',
      detail: 'Other articles with this title were being created at the same time; retry.',
    });
  }
}
