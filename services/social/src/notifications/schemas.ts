import { Type, type Static } from 'typebox';
import { TEXT_PATTERN } from '@kavosh/service-kit';
import { MAX_CURSOR_LENGTH } from '../feed/cursor.js';

const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const UtcDateTime = Type.String({ format: 'date-time', maxLength: 35 });
const DisplayName = Type.String({ maxLength: 100 });

/** A notification id: a positive integer, as a string (ids are 64-bit). */
export const NotificationId = Type.String({ pattern: '^[1-9][0-9]{0,18}$', maxLength: 19 });

const base = {
  id: NotificationId,
  createdAt: UtcDateTime,
  /** At or below the caller's read marker (POST /notifications/read). */
  read: Type.Boolean(),
};
const closed = { additionalProperties: false } as const;

// One object per kind: what a client needs to render it, ids and display names only.
export const CommentRepliedData = Type.Object(
  {
    commentId: Uuid,
    parentId: Uuid,
    movieId: Uuid,
    actorId: Uuid,
    actorName: Type.Union([DisplayName, Type.Null()]),
  },
  closed,
);
export const UserFollowedData = Type.Object(
  { followerId: Uuid, followerName: Type.Union([DisplayName, Type.Null()]) },
  closed,
);
export const MoviePublishedData = Type.Object(
  {
    movieId: Uuid,
    title: Type.String({ maxLength: 300 }),
    slug: Type.String({ maxLength: 160 }),
    genreIds: Type.Array(Uuid, { maxItems: 20 }),
  },
  closed,
);
export const SubscriptionActivatedData = Type.Object(
  { subscriptionId: Uuid, planId: Uuid, currentPeriodEnd: UtcDateTime },
  closed,
);
export const SubscriptionCanceledData = Type.Object(
  { subscriptionId: Uuid, endsAt: UtcDateTime },
  closed,
);
export const SubscriptionExpiredData = Type.Object(
  { subscriptionId: Uuid, expiredAt: UtcDateTime },
  closed,
);
export const PaymentSucceededData = Type.Object(
  {
    paymentId: Uuid,
    invoiceId: Uuid,
    amountMinor: Type.Integer({ minimum: 0 }),
    currency: Type.String({ maxLength: 3 }),
  },
  closed,
);
export const PaymentFailedData = Type.Object(
  {
    paymentId: Uuid,
    amountMinor: Type.Integer({ minimum: 0 }),
    currency: Type.String({ maxLength: 3 }),
    reason: Type.String({ maxLength: 500 }),
  },
  closed,
);

export type CommentRepliedData = Static<typeof CommentRepliedData>;
export type UserFollowedData = Static<typeof UserFollowedData>;
export type MoviePublishedData = Static<typeof MoviePublishedData>;
export type SubscriptionActivatedData = Static<typeof SubscriptionActivatedData>;
export type SubscriptionCanceledData = Static<typeof SubscriptionCanceledData>;
export type SubscriptionExpiredData = Static<typeof SubscriptionExpiredData>;
export type PaymentSucceededData = Static<typeof PaymentSucceededData>;
export type PaymentFailedData = Static<typeof PaymentFailedData>;

export const Notification = Type.Union([
  Type.Object({ ...base, kind: Type.Literal('comment.replied'), data: CommentRepliedData }, closed),
  Type.Object({ ...base, kind: Type.Literal('user.followed'), data: UserFollowedData }, closed),
  Type.Object({ ...base, kind: Type.Literal('movie.published'), data: MoviePublishedData }, closed),
  Type.Object(
    { ...base, kind: Type.Literal('subscription.activated'), data: SubscriptionActivatedData },
    closed,
  ),
  Type.Object(
    { ...base, kind: Type.Literal('subscription.canceled'), data: SubscriptionCanceledData },
    closed,
  ),
  Type.Object(
    { ...base, kind: Type.Literal('subscription.expired'), data: SubscriptionExpiredData },
    closed,
  ),
  Type.Object(
    { ...base, kind: Type.Literal('payment.succeeded'), data: PaymentSucceededData },
    closed,
  ),
  Type.Object({ ...base, kind: Type.Literal('payment.failed'), data: PaymentFailedData }, closed),
]);
export type Notification = Static<typeof Notification>;
export type NotificationKind = Notification['kind'];

/** A notification to create: its kind and data, as the union above without id and state. */
export type NewNotification = {
  [K in NotificationKind]: {
    userId: string;
    kind: K;
    data: Extract<Notification, { kind: K }>['data'];
    /** The user whose act caused it; their erasure deletes it. */
    actorId?: string;
  };
}[NotificationKind];

export const NotificationListQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_CURSOR_LENGTH, pattern: TEXT_PATTERN }),
    ),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, default: 20 }),
  },
  closed,
);
export type NotificationListQuery = Static<typeof NotificationListQuery>;

export const NotificationPage = Type.Object(
  {
    items: Type.Array(Notification, { maxItems: 100 }),
    nextCursor: Type.Union([Type.String({ maxLength: MAX_CURSOR_LENGTH }), Type.Null()]),
  },
  closed,
);
export type NotificationPage = Static<typeof NotificationPage>;

export const UnreadCount = Type.Object(
  {
    /** Unread notifications, counted up to `max`. */
    count: Type.Integer({ minimum: 0 }),
    max: Type.Integer({ minimum: 1 }),
  },
  closed,
);
export type UnreadCount = Static<typeof UnreadCount>;

export const MarkReadBody = Type.Object({ upTo: NotificationId }, closed);
export type MarkReadBody = Static<typeof MarkReadBody>;
