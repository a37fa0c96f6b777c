import { AppError } from '@kavosh/service-kit';

export class ProfileNotFound extends AppError {
  constructor(userId: string) {
    super({
      status: 404,
      code: 'PROFILE_NOT_FOUND',
      title: 'Profile not found',
      detail: `No user has the id ${userId}.`,
    });
  }
}
