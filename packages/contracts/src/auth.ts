import { Type, type Static } from 'typebox';
import { defineEvent } from './define-event.js';
import { DisplayName, Email, Roles, UtcDateTime, Uuid } from './fields.js';

export const AuthUserRegisteredV1Data = Type.Object(
  { userId: Uuid, email: Email, displayName: DisplayName, roles: Roles, registeredAt: UtcDateTime },
  { additionalProperties: false },
);
export type AuthUserRegisteredV1Data = Static<typeof AuthUserRegisteredV1Data>;

export const authUserRegisteredV1 = defineEvent({
  type: 'auth.user.registered.v1',
  description: 'A user account was created.',
  subject: 'userId',
  consumers: [
    { service: 'billing', purpose: 'create the customer record' },
    { service: 'social', purpose: 'create the public profile' },
  ],
  data: AuthUserRegisteredV1Data,
});
export const AuthUserRegisteredV1 = authUserRegisteredV1.schema;
export type AuthUserRegisteredV1 = Static<typeof AuthUserRegisteredV1>;

export const AuthUserUpdatedV1Data = Type.Object(
  { userId: Uuid, displayName: DisplayName, roles: Roles, updatedAt: UtcDateTime },
  { additionalProperties: false },
);
export type AuthUserUpdatedV1Data = Static<typeof AuthUserUpdatedV1Data>;

export const authUserUpdatedV1 = defineEvent({
  type: 'auth.user.updated.v1',
  description:
    "A user's display name or roles changed. Carries the full current state: consumers set their " +
    'copy to it, and ignore an event whose updatedAt is older than the one they already applied.',
  subject: 'userId',
  consumers: [{ service: 'social', purpose: 'keep the display name and roles of the profile' }],
  data: AuthUserUpdatedV1Data,
});
export const AuthUserUpdatedV1 = authUserUpdatedV1.schema;
export type AuthUserUpdatedV1 = Static<typeof AuthUserUpdatedV1>;

export const AuthUserDeletedV1Data = Type.Object(
  { userId: Uuid, deletedAt: UtcDateTime },
  { additionalProperties: false },
);
export type AuthUserDeletedV1Data = Static<typeof AuthUserDeletedV1Data>;

export const authUserDeletedV1 = defineEvent({
  type: 'auth.user.deleted.v1',
  description:
    "A user account was deleted (by the user or an admin); every consumer erases that user's " +
    "personal data. billing: erase the customer record's personal data and stop renewing any " +
    'subscription; invoices and payments are kept as the law requires, with the name and email ' +
    'removed from them. social: delete the profile, the ratings (then publish ' +
    'social.rating.changed.v1 for each affected movie so the aggregates stay right), the follows ' +
    'in both directions and the notifications to and about the user; comments stay in their ' +
    'threads with the body replaced by "[deleted]" and the author removed. catalog: delete the ' +
    "user's entitlements. The event carries no personal data, so it may be kept and replayed.",
  subject: 'userId',
  consumers: [
    { service: 'catalog', purpose: "erase the user's entitlements" },
    { service: 'billing', purpose: 'erase customer personal data; anonymise invoices' },
    {
      service: 'social',
      purpose: 'erase profile, ratings, follows, notifications; blank comments',
    },
  ],
  data: AuthUserDeletedV1Data,
});
export const AuthUserDeletedV1 = authUserDeletedV1.schema;
export type AuthUserDeletedV1 = Static<typeof AuthUserDeletedV1>;
