import { createEvent, type CloudEvent } from '@kavosh/messaging';
import type {
  AuthUserDeletedV1Data,
  AuthUserRegisteredV1Data,
  AuthUserUpdatedV1Data,
} from '@kavosh/contracts';
import type { UserRow } from './repository.js';

const SOURCE = '/kavosh/auth';

export const userEvents = {
  registered: (user: UserRow): CloudEvent<AuthUserRegisteredV1Data> =>
    createEvent({
      type: 'auth.user.registered.v1',
      source: SOURCE,
      subject: user.id,
      time: user.createdAt,
      data: {
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        roles: [user.role],
        registeredAt: user.createdAt.toISOString(),
      },
    }),
  updated: (user: UserRow): CloudEvent<AuthUserUpdatedV1Data> =>
    createEvent({
      type: 'auth.user.updated.v1',
      source: SOURCE,
      subject: user.id,
      time: user.updatedAt,
      data: {
        userId: user.id,
        displayName: user.displayName,
        roles: [user.role],
        updatedAt: user.updatedAt.toISOString(),
      },
    }),
  deleted: (userId: string, at: Date): CloudEvent<AuthUserDeletedV1Data> =>
    createEvent({
      type: 'auth.user.deleted.v1',
      source: SOURCE,
      subject: userId,
      time: at,
      data: { userId, deletedAt: at.toISOString() },
    }),
};
