import { AppError } from '@kavosh/service-kit';

export class NotificationNotFound extends AppError {
  constructor(id: string) {
    super({
      status: 404,
      code: 'NOTIFICATION_NOT_FOUND',
      title: 'Notification not found',
      detail: `You have no notification with the id ${id}.`,
    });
  }
}
