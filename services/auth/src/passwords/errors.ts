import { AppError } from '@kavosh/service-kit';

export class WeakPassword extends AppError {
  constructor(detail: string) {
    super({ status: 400, code: 'WEAK_PASSWORD', title: 'Password not accepted', detail });
  }
}
