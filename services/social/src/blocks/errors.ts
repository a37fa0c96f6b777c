import { AppError } from '@kavosh/service-kit';

/** 400: a user cannot block themselves. */
export class CannotBlockSelf extends AppError {
  constructor() {
    super({
      status: 400,
      code: 'CANNOT_BLOCK_SELF',
      title: 'Cannot block yourself',
      detail: 'The user to block must be someone else.',
    });
  }
}
