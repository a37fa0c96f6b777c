import { createEvent, type CloudEvent } from '@kavosh/messaging';
import type {
  AuthUserDeletedV1Data,
  AuthUserRegisteredV1Data,
  AuthUserUpdatedV1Data,
} from '@kavosh/contracts';
import type { UserRow } from './repository.js';

const SOURCE = '/kavosh/auth';

// `traceparent` is the request's (see traceparentOf): consumers log under the same trace.
export const userEvents = {
  registered: (user: UserRow, traceparent?: string): CloudEvent<AuthUserRegisteredV1Data> =>
    createEvent({
      type: 'auth.user.registered.v1',
      source: SOURCE,
      traceparent,
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
  updated: (user: UserRow, traceparent?: string): CloudEvent<AuthUserUpdatedV1Data> =>
    createEvent({
      type: 'auth.user.updated.v1',
      source: SOURCE,
      traceparent,
      subject: user.id,
      time: user.updatedAt,
      data: {
        userId: user.id,
        displayName: user.displayName,
        roles: [user.role],
        updatedAt: user.updatedAt.toISOString(),
      },
    }),
  deleted: (userId: string, at: Date, traceparent?: string): CloudEvent<AuthUserDeletedV1Data> =>
    createEvent({
      type: 'auth.user.deleted.v1',
      source: SOURCE,
      traceparent,
      subject: userId,
      time: at,
      data: { userId, deletedAt: at.toISOString() },
    }),
};
