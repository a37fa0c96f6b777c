import { AppError } from '@kavosh/service-kit';

export class CannotFollowSelf extends AppError {
  constructor() {
    super({
      status: 400,
      code: 'CANNOT_FOLLOW_SELF',
      title: 'Cannot follow yourself',
      detail: 'A user cannot follow or unfollow themselves.',
    });
  }
}

export class UserNotFound extends AppError {
  constructor(id: string) {
    super({
      status: 404,
      code: 'USER_NOT_FOUND',
      title: 'User not found',
      detail: `No user has the id ${id}.`,
    });
  }
}

export class FollowBlocked extends AppError {
  constructor() {
    super({
      status: 403,
      code: 'FOLLOW_BLOCKED',
      title: 'Follow blocked',
      detail: 'One of you has blocked the other.',
    });
  }
}

export class FollowLimitReached extends AppError {
  constructor(what: 'users' | 'genres', max: number) {
    super({
      status: 409,
      code: 'FOLLOW_LIMIT_REACHED',
      title: 'Follow limit reached',
      detail: `You already follow ${max} ${what}, the most allowed; unfollow some first.`,
      extra: { max },
    });
  }
}
