// The notifications feature's public surface: what follows, app.ts and live delivery use.
export {
  createNotifier,
  createNotificationsService,
  listNotificationsAfter,
  type Notifier,
  type NotificationsService,
  type OnNotificationCreated,
} from './service.js';
export type { Notification, NotificationKind } from './schemas.js';
export { notificationsRoutes } from './routes.js';
export { startNotificationConsumers, NOTIFICATION_QUEUES } from './consumers.js';
export { deleteForUser as eraseNotificationsOf } from './repository.js';
