import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../db.js';
import { startSocial } from '../../test/helper.js';
import {
  createUser,
  eventPublisher,
  type EventPublisher,
  type TestUser,
} from '../../test/s2-fixtures.js';
import { NOTIFICATION_QUEUES } from './consumers.js';
import { createNotifier, listNotificationsAfter, type Notification } from './index.js';

const QUEUE = NOTIFICATION_QUEUES.notifications;
const FANOUT_MAX = 3;

let svc: Awaited<ReturnType<typeof startSocial>>;
let db: Database;
let events: EventPublisher;

beforeAll(async () => {
  svc = await startSocial({ env: { NOTIFY_GENRE_FANOUT_MAX: String(FANOUT_MAX) } });
  db = createDatabase(svc.databaseUrl);
  events = await eventPublisher(svc);
});
afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await svc?.close();
});

const now = () => new Date().toISOString();

/**
 * Publishes each event twice (a redelivery), then a marker event behind them on the same queue;
 * once the marker is handled, both copies were too (one consumer lane, delivery order).
 */
async function deliverTwice(...list: ReturnType<EventPublisher['event']>[]) {
  for (const event of list) {
    await events.publish(event);
    await events.publish(event);
  }
  const marker = paymentFailed(randomUUID());
  await events.publish(marker);
  await events.handled(db, QUEUE, marker.id);
  for (const event of list) await events.handled(db, QUEUE, event.id);
}

function paymentFailed(userId: string) {
  const paymentId = randomUUID();
  return events.event('billing.payment.failed.v1', paymentId, {
    paymentId,
    userId,
    subscriptionId: null,
    amount: { amountMinor: 999, currency: 'EUR' },
    reason: 'Card declined',
    failedAt: now(),
  });
}

async function parentComment(authorId: string | null) {
  const id = randomUUID();
  const movieId = randomUUID();
  await db.comment.create({
    data: { id, movieId, authorId, depth: 0, body: 'First!', createdAt: new Date() },
  });
  return { id, movieId };
}

const replyEvent = (parent: { id: string; movieId: string }, authorId: string) => {
  const commentId = randomUUID();
  return events.event('social.comment.created.v1', commentId, {
    commentId,
    movieId: parent.movieId,
    authorId,
    parentId: parent.id,
    createdAt: now(),
  });
};

const notificationsOf = (user: TestUser, query = '') =>
  svc.app.inject({ method: 'GET', url: `/notifications${query}`, headers: user.auth });

const unread = async (user: TestUser) =>
  (
    await svc.app.inject({ method: 'GET', url: '/notifications/unread-count', headers: user.auth })
  ).json<{ count: number }>().count;

const markRead = (user: TestUser, body: Record<string, unknown>) =>
  svc.app.inject({ method: 'POST', url: '/notifications/read', headers: user.auth, payload: body });

describe('notifications created from events, once each under redelivery', () => {
  it('tells a comment’s author about a reply by someone else, with the replier’s name', async () => {
    const author = await createUser(db, 'Ana Alves');
    const replier = await createUser(db, 'Ben Brown');
    const parent = await parentComment(author.id);
    const reply = replyEvent(parent, replier.id);
    const selfReply = replyEvent(parent, author.id);
    const orphanReply = replyEvent(await parentComment(null), replier.id);
    // Someone the author blocked replies: no notification.
    const pest = await createUser(db);
    await db.block.create({ data: { blockerId: author.id, blockedId: pest.id } });
    const blockedReply = replyEvent(parent, pest.id);
    await deliverTwice(reply, selfReply, orphanReply, blockedReply);

    const items = (await notificationsOf(author)).json<{ items: Notification[] }>().items;
    expect(items).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        kind: 'comment.replied',
        createdAt: expect.any(String),
        read: false,
        data: {
          commentId: reply.subject,
          parentId: parent.id,
          movieId: parent.movieId,
          actorId: replier.id,
          actorName: 'Ben Brown',
        },
      },
    ]);
    expect(await db.notification.count({ where: { actorId: replier.id } })).toBe(1);
  });

  it('tells each follower of a published movie’s genres once, at most NOTIFY_GENRE_FANOUT_MAX of them', async () => {
    const [drama, comedy] = [randomUUID(), randomUUID()];
    const fans = await Promise.all([1, 2, 3, 4].map(() => createUser(db)));
    for (const [i, fan] of fans.entries()) {
      const genres = i === 0 ? [drama, comedy] : [i % 2 === 0 ? drama : comedy];
      for (const genre of genres) {
        await svc.app.inject({ method: 'POST', url: `/genres/${genre}/follow`, headers: fan.auth });
      }
    }
    const movieId = randomUUID();
    const published = events.event('catalog.movie.published.v1', movieId, {
      movieId,
      slug: 'the-long-night',
      title: 'The Long Night',
      year: 2026,
      genreIds: [drama, comedy],
      peopleIds: [],
      tier: 'free',
      publishedAt: now(),
    });
    await deliverTwice(published);

    const rows = await db.notification.findMany({ where: { sourceEventId: published.id } });
    expect(rows).toHaveLength(FANOUT_MAX);
    expect(new Set(rows.map((row) => row.userId)).size).toBe(FANOUT_MAX);
    const notified = fans.find((fan) => fan.id === rows[0]!.userId)!;
    expect((await notificationsOf(notified)).json().items[0]).toMatchObject({
      kind: 'movie.published',
      data: { movieId, title: 'The Long Night', slug: 'the-long-night', genreIds: [drama, comedy] },
    });
  });

  it('tells the account holder about billing: activated, canceled, expired, payment succeeded or failed', async () => {
    const payer = await createUser(db);
    const subscriptionId = randomUUID();
    const planId = randomUUID();
    const periodEnd = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const activated = events.event('billing.subscription.activated.v1', subscriptionId, {
      subscriptionId,
      userId: payer.id,
      planId,
      tier: 'premium',
      currentPeriodEnd: periodEnd,
      activatedAt: now(),
    });
    const failed = paymentFailed(payer.id);
    // A late event about a deleted account (S1's erased_users) leaves nothing behind.
    const erased = randomUUID();
    await db.erasedUser.create({ data: { userId: erased, erasedAt: new Date() } });
    const late = paymentFailed(erased);
    const paymentId = randomUUID();
    const invoiceId = randomUUID();
    const succeeded = events.event('billing.payment.succeeded.v1', paymentId, {
      paymentId,
      userId: payer.id,
      subscriptionId,
      invoiceId,
      amount: { amountMinor: 1299, currency: 'EUR' },
      paidAt: now(),
    });
    const endsAt = periodEnd;
    const canceled = events.event('billing.subscription.canceled.v1', subscriptionId, {
      subscriptionId,
      userId: payer.id,
      canceledAt: now(),
      endsAt,
    });
    const expiredAt = now();
    const expired = events.event('billing.subscription.expired.v1', subscriptionId, {
      subscriptionId,
      userId: payer.id,
      expiredAt,
    });
    await deliverTwice(activated, failed, late, succeeded, canceled, expired);
    expect(await db.notification.count({ where: { userId: erased } })).toBe(0);

    const items = (await notificationsOf(payer)).json<{ items: Notification[] }>().items;
    expect(items.map((item) => [item.kind, item.data])).toEqual([
      ['subscription.expired', { subscriptionId, expiredAt }],
      ['subscription.canceled', { subscriptionId, endsAt }],
      ['payment.succeeded', { paymentId, invoiceId, amountMinor: 1299, currency: 'EUR' }],
      [
        'payment.failed',
        {
          paymentId: failed.subject,
          amountMinor: 999,
          currency: 'EUR',
          reason: 'Card declined',
        },
      ],
      ['subscription.activated', { subscriptionId, planId, currentPeriodEnd: periodEnd }],
    ]);
  });
});

describe('GET /notifications, unread count and POST /notifications/read', () => {
  async function userWithNotifications(count: number) {
    const user = await createUser(db);
    const failures = Array.from({ length: count }, () => paymentFailed(user.id));
    for (const event of failures) await events.publish(event);
    for (const event of failures) await events.handled(db, QUEUE, event.id);
    return user;
  }

  it('pages newest first by cursor, every notification once', async () => {
    const user = await userWithNotifications(5);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await notificationsOf(user, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: Notification[]; nextCursor: string | null }>();
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(5);
    expect(ids).toEqual([...ids].sort((a, b) => Number(b) - Number(a)));
  });

  it('marks read up to an id of mine, never back, and counts what is above it', async () => {
    const user = await userWithNotifications(4);
    expect(await unread(user)).toBe(4);
    const ids = (await notificationsOf(user))
      .json<{ items: Notification[] }>()
      .items.map((n) => n.id);
    const third = ids[1]!; // newest first: ids[1] is the third oldest
    const res = await markRead(user, { upTo: third });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ count: 1 });
    // An older id does not move the marker back.
    expect((await markRead(user, { upTo: ids[3]! })).json()).toMatchObject({ count: 1 });
    const items = (await notificationsOf(user)).json<{ items: Notification[] }>().items;
    expect(items.map((n) => n.read)).toEqual([false, true, true, true]);
  });

  it('never touches another user’s notifications: their id is 404 and their state unchanged', async () => {
    const owner = await userWithNotifications(2);
    const intruder = await userWithNotifications(1);
    const theirs = (await notificationsOf(owner)).json<{ items: Notification[] }>().items[0]!.id;
    const res = await markRead(intruder, { upTo: theirs });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOTIFICATION_NOT_FOUND' });
    expect(await unread(owner)).toBe(2);
    expect(await unread(intruder)).toBe(1);
    // Nor does listing show them: each caller sees only their own.
    const mine = (await notificationsOf(intruder)).json<{ items: Notification[] }>().items;
    expect(mine.map((n) => n.id)).not.toContain(theirs);
  });

  it('refuses bad input with 400 and no token with 401', async () => {
    const user = await createUser(db);
    for (const body of [{ upTo: 'abc' }, { upTo: '0' }, { upTo: 5 }, {}, { upTo: '1', x: 1 }]) {
      const res = await markRead(user, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await notificationsOf(user, '?cursor=abc')).json()).toMatchObject({
      code: 'INVALID_CURSOR',
    });
    expect((await notificationsOf(user, '?limit=101')).statusCode).toBe(400);
    for (const [method, url] of [
      ['GET', '/notifications'],
      ['GET', '/notifications/unread-count'],
      ['POST', '/notifications/read'],
    ] as const) {
      expect((await svc.app.inject({ method, url })).statusCode).toBe(401);
    }
  });
});

describe('the notifier', () => {
  it('calls onCreated after commit only, and listNotificationsAfter returns what came after an id', async () => {
    const delivered: [string, Notification][] = [];
    const notifier = createNotifier({
      db,
      logger: pino({ level: 'silent' }),
      onCreated: (userId, notification) => delivered.push([userId, notification]),
    });
    const user = await createUser(db);
    const actor = randomUUID();
    const item = {
      userId: user.id,
      kind: 'user.followed' as const,
      actorId: actor,
      data: { followerId: actor, followerName: 'Cy' },
    };
    // Rolled back: nothing stored, nothing delivered.
    await expect(
      db.$transaction(async (tx) => {
        await notifier.createInTx(tx, item);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(0);

    const first = await db.$transaction((tx) => notifier.createInTx(tx, item));
    expect(delivered).toEqual([]);
    notifier.deliver([first]);
    const second = await db.$transaction((tx) => notifier.createInTx(tx, item));
    notifier.deliver([second]);
    expect(delivered.map(([userId, n]) => [userId, n.kind, n.id])).toEqual([
      [user.id, 'user.followed', first.notification.id],
      [user.id, 'user.followed', second.notification.id],
    ]);

    const eventId = randomUUID();
    await db.$transaction((tx) =>
      notifier.createFromEvent(tx, eventId, [
        { ...item, data: { followerId: actor, followerName: 'Di' } },
      ]),
    );
    await notifier.deliverEvent(eventId);
    expect(delivered.at(-1)?.[1]).toMatchObject({ data: { followerName: 'Di' }, read: false });

    const after = await listNotificationsAfter(db, user.id, first.notification.id, 10);
    expect(after.map((n) => n.id)).toEqual([second.notification.id, delivered.at(-1)![1].id]);
    expect(await listNotificationsAfter(db, user.id, '0', 1)).toEqual([
      expect.objectContaining({ id: first.notification.id }),
    ]);
  });
});
