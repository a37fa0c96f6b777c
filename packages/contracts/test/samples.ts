import type { EventOf, EventType, Service } from '../src/index.js';

// One valid event per type, typed by the contracts, so a schema change that breaks these
// samples fails typecheck as well as the tests.

const AT = '2026-03-01T12:00:00.000Z';
const USER = '0b6f9f6e-3c1a-4d2e-9a4b-5c6d7e8f9a0b';
const MOVIE = '1c7a0a7f-4d2b-4e3f-8b5c-6d7e8f9a0b1c';
const SUB = '2d8b1b80-5e3c-4f40-9c6d-7e8f9a0b1c2d';
const PAY = '3e9c2c91-6f4d-4051-8d7e-8f9a0b1c2d3e';
const OTHER = '5a0b1c2d-8b6f-4273-af90-0b1c2d3e4f50';

function head<T extends EventType, P extends Service>(type: T, producer: P, subject: string) {
  return {
    specversion: '1.0',
    id: '4fad3da2-7a5e-4162-9e8f-9a0b1c2d3e4f',
    source: `/kavosh/${producer}`,
    type,
    time: AT,
    subject,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    datacontenttype: 'application/json',
  } as const;
}

export const SAMPLES: { readonly [T in EventType]: EventOf<T> } = {
  'auth.user.registered.v1': {
    ...head('auth.user.registered.v1', 'auth', USER),
    data: {
      userId: USER,
      email: 'ada@example.com',
      displayName: 'Ada',
      roles: ['user'],
      registeredAt: AT,
    },
  },
  'auth.user.updated.v1': {
    ...head('auth.user.updated.v1', 'auth', USER),
    data: { userId: USER, displayName: 'Ada L.', roles: ['user', 'editor'], updatedAt: AT },
  },
  'auth.user.deleted.v1': {
    ...head('auth.user.deleted.v1', 'auth', USER),
    data: { userId: USER, deletedAt: AT },
  },
  'catalog.movie.published.v1': {
    ...head('catalog.movie.published.v1', 'catalog', MOVIE),
    data: {
      movieId: MOVIE,
      slug: 'the-third-man-1949',
      title: 'The Third Man',
      year: 1949,
      genreIds: [OTHER],
      peopleIds: [],
      tier: 'premium',
      publishedAt: AT,
    },
  },
  'catalog.movie.unpublished.v1': {
    ...head('catalog.movie.unpublished.v1', 'catalog', MOVIE),
    data: { movieId: MOVIE, unpublishedAt: AT },
  },
  'billing.subscription.activated.v1': {
    ...head('billing.subscription.activated.v1', 'billing', SUB),
    data: {
      subscriptionId: SUB,
      userId: USER,
      planId: OTHER,
      tier: 'premium',
      currentPeriodEnd: '2026-04-01T12:00:00.000Z',
      activatedAt: AT,
    },
  },
  'billing.subscription.canceled.v1': {
    ...head('billing.subscription.canceled.v1', 'billing', SUB),
    data: { subscriptionId: SUB, userId: USER, canceledAt: AT, endsAt: '2026-04-01T12:00:00Z' },
  },
  'billing.subscription.expired.v1': {
    ...head('billing.subscription.expired.v1', 'billing', SUB),
    data: { subscriptionId: SUB, userId: USER, expiredAt: AT },
  },
  'billing.payment.succeeded.v1': {
    ...head('billing.payment.succeeded.v1', 'billing', PAY),
    data: {
      paymentId: PAY,
      userId: USER,
      subscriptionId: SUB,
      invoiceId: OTHER,
      amount: { amountMinor: 999, currency: 'EUR' },
      paidAt: AT,
    },
  },
  'billing.payment.failed.v1': {
    ...head('billing.payment.failed.v1', 'billing', PAY),
    data: {
      paymentId: PAY,
      userId: USER,
      subscriptionId: null,
      amount: { amountMinor: 999, currency: 'EUR' },
      reason: 'card declined',
      failedAt: AT,
    },
  },
  'social.rating.changed.v1': {
    ...head('social.rating.changed.v1', 'social', MOVIE),
    data: { movieId: MOVIE, ratingCount: 2, ratingSum: 15, averageRating: 7.5, asOf: AT },
  },
  'social.comment.created.v1': {
    ...head('social.comment.created.v1', 'social', OTHER),
    data: { commentId: OTHER, movieId: MOVIE, authorId: USER, parentId: null, createdAt: AT },
  },
};
