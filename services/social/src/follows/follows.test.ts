import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../db.js';
import { startSocial } from '../../test/helper.js';
import {
  createUser,
  eventPublisher,
  strangerAuth,
  type EventPublisher,
  type TestUser,
} from '../../test/s2-fixtures.js';
import { FOLLOWS_QUEUES } from './consumers.js';

let svc: Awaited<ReturnType<typeof startSocial>>;
let db: Database;
let events: EventPublisher;

beforeAll(async () => {
  svc = await startSocial({ env: { FOLLOWS_MAX_USERS: '3', FOLLOWS_MAX_GENRES: '2' } });
  db = createDatabase(svc.databaseUrl);
  events = await eventPublisher(svc);
});
afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await svc?.close();
});

const follow = (who: TestUser, targetId: string, method: 'POST' | 'DELETE' = 'POST') =>
  svc.app.inject({ method, url: `/users/${targetId}/follow`, headers: who.auth });

const list = async (who: TestUser, userId: string, which: 'followers' | 'following', query = '') =>
  svc.app.inject({ method: 'GET', url: `/users/${userId}/${which}${query}`, headers: who.auth });

describe('follows', () => {
  it('when a user follows another, then both lists show it with names, and the followed user is notified once', async () => {
    const ana = await createUser(db, 'Ana Alves');
    const ben = await createUser(db, 'Ben Brown');
    expect((await follow(ana, ben.id)).statusCode).toBe(204);
    // Idempotent: following again answers the same and changes nothing.
    expect((await follow(ana, ben.id)).statusCode).toBe(204);

    const followers = await list(ana, ben.id, 'followers');
    expect(followers.statusCode).toBe(200);
    expect(followers.json()).toMatchObject({
      items: [{ userId: ana.id, displayName: 'Ana Alves', initials: 'AN' }],
      nextCursor: null,
    });
    const following = await list(ben, ana.id, 'following');
    expect(following.json().items).toEqual([
      expect.objectContaining({ userId: ben.id, displayName: 'Ben Brown' }),
    ]);

    const notes = await svc.app.inject({ method: 'GET', url: '/notifications', headers: ben.auth });
    expect(notes.json().items).toEqual([
      expect.objectContaining({
        kind: 'user.followed',
        read: false,
        data: { followerId: ana.id, followerName: 'Ana Alves' },
      }),
    ]);
  });

  it('when a user unfollows, then the lists no longer show it, and unfollowing again is 204', async () => {
    const ana = await createUser(db);
    const ben = await createUser(db);
    await follow(ana, ben.id);
    expect((await follow(ana, ben.id, 'DELETE')).statusCode).toBe(204);
    expect((await follow(ana, ben.id, 'DELETE')).statusCode).toBe(204);
    expect((await list(ana, ben.id, 'followers')).json().items).toEqual([]);
    expect((await list(ana, ana.id, 'following')).json().items).toEqual([]);
  });

  it('refuses following yourself (400), an unknown user (404), a malformed id (400) and no token (401)', async () => {
    const ana = await createUser(db);
    const self = await follow(ana, ana.id);
    expect(self.statusCode).toBe(400);
    expect(self.headers['content-type']).toContain('application/problem+json');
    expect(self.json()).toMatchObject({ code: 'CANNOT_FOLLOW_SELF' });
    expect((await follow(ana, ana.id, 'DELETE')).json()).toMatchObject({
      code: 'CANNOT_FOLLOW_SELF',
    });
    const unknown = await follow(ana, randomUUID());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'USER_NOT_FOUND' });
    expect((await follow(ana, 'not-a-uuid')).statusCode).toBe(400);
    const anonymous = await svc.app.inject({ method: 'POST', url: `/users/${ana.id}/follow` });
    expect(anonymous.statusCode).toBe(401);
    expect((await list(ana, randomUUID(), 'followers')).json()).toMatchObject({
      code: 'USER_NOT_FOUND',
    });
  });

  it('caps how many users one user follows (FOLLOWS_MAX_USERS) with 409, keeping the earlier follows', async () => {
    const fan = await createUser(db);
    const idols = await Promise.all([1, 2, 3, 4].map(() => createUser(db)));
    for (const idol of idols.slice(0, 3)) expect((await follow(fan, idol.id)).statusCode).toBe(204);
    const over = await follow(fan, idols[3]!.id);
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'FOLLOW_LIMIT_REACHED', max: 3 });
    // The refused follow left nothing behind: no row, no notification.
    expect(await db.userFollow.count({ where: { followerId: fan.id } })).toBe(3);
    expect(await db.notification.count({ where: { userId: idols[3]!.id } })).toBe(0);
    // Following one already followed is still fine at the cap.
    expect((await follow(fan, idols[0]!.id)).statusCode).toBe(204);
  });

  it('pages followers newest first by cursor, every follower once, and refuses bad or foreign cursors', async () => {
    const star = await createUser(db);
    const fans: TestUser[] = [];
    for (let i = 0; i < 5; i++) {
      const fan = await createUser(db);
      await follow(fan, star.id);
      fans.push(fan);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await list(star, star.id, 'followers', query);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: { userId: string }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((item) => item.userId));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(fans.map((fan) => fan.id).reverse());

    const garbage = await list(star, star.id, 'followers', '?cursor=bm90LWEtY3Vyc29y');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    const first = (await list(star, star.id, 'followers', '?limit=1')).json();
    const foreign = await list(star, fans[0]!.id, 'following', `?cursor=${first.nextCursor}`);
    expect(foreign.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    expect((await list(star, star.id, 'followers', '?limit=101')).statusCode).toBe(400);
  });
});

it('refuses a follow with 403 FOLLOW_BLOCKED when either user blocked the other', async () => {
  const ana = await createUser(db);
  const ben = await createUser(db);
  await db.block.create({ data: { blockerId: ben.id, blockedId: ana.id } });
  const blocked = await follow(ana, ben.id);
  expect(blocked.statusCode).toBe(403);
  expect(blocked.json()).toMatchObject({ code: 'FOLLOW_BLOCKED' });
  expect((await follow(ben, ana.id)).json()).toMatchObject({ code: 'FOLLOW_BLOCKED' });
  expect(await db.notification.count({ where: { userId: { in: [ana.id, ben.id] } } })).toBe(0);
});

describe('genre follows', () => {
  it('follows and unfollows genres idempotently, lists mine, and caps them (FOLLOWS_MAX_GENRES)', async () => {
    const ana = await createUser(db);
    const [drama, comedy, horror] = [randomUUID(), randomUUID(), randomUUID()];
    const genre = (id: string, method: 'POST' | 'DELETE' = 'POST') =>
      svc.app.inject({ method, url: `/genres/${id}/follow`, headers: ana.auth });
    expect((await genre(drama)).statusCode).toBe(204);
    expect((await genre(drama)).statusCode).toBe(204);
    expect((await genre(comedy)).statusCode).toBe(204);
    const over = await genre(horror);
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'FOLLOW_LIMIT_REACHED', max: 2 });

    const mine = await svc.app.inject({ method: 'GET', url: '/me/genres', headers: ana.auth });
    expect(mine.json()).toMatchObject({ max: 2 });
    expect(
      mine
        .json()
        .items.map((g: { genreId: string }) => g.genreId)
        .sort(),
    ).toEqual([drama, comedy].sort());
    expect((await genre(drama, 'DELETE')).statusCode).toBe(204);
    expect((await genre(drama, 'DELETE')).statusCode).toBe(204);
    expect((await genre(horror)).statusCode).toBe(204);
    expect((await genre('drama')).statusCode).toBe(400);
    // Another user's genres are their own.
    const ben = await createUser(db);
    const theirs = await svc.app.inject({ method: 'GET', url: '/me/genres', headers: ben.auth });
    expect(theirs.json().items).toEqual([]);
  });
});

describe('auth.user.deleted.v1', () => {
  it('erases follows both ways, genre follows and the notifications to and about the user, and nothing else', async () => {
    const gone = await createUser(db, 'Gone Soon');
    const friend = await createUser(db);
    const fan = await createUser(db);
    await follow(gone, friend.id); // friend is notified about gone
    await follow(fan, gone.id); // gone is notified about fan
    await follow(fan, friend.id); // untouched
    await svc.app.inject({
      method: 'POST',
      url: `/genres/${randomUUID()}/follow`,
      headers: gone.auth,
    });
    expect(await db.notification.count({ where: { actorId: gone.id } })).toBe(1);

    const deleted = events.event('auth.user.deleted.v1', gone.id, {
      userId: gone.id,
      deletedAt: new Date().toISOString(),
    });
    await events.publish(deleted);
    await events.handled(db, FOLLOWS_QUEUES.erasure, deleted.id);

    expect(
      await db.userFollow.count({
        where: { OR: [{ followerId: gone.id }, { followeeId: gone.id }] },
      }),
    ).toBe(0);
    expect(await db.genreFollow.count({ where: { userId: gone.id } })).toBe(0);
    expect(
      await db.notification.count({ where: { OR: [{ userId: gone.id }, { actorId: gone.id }] } }),
    ).toBe(0);
    expect(
      await db.userFollow.count({ where: { followerId: fan.id, followeeId: friend.id } }),
    ).toBe(1);
    expect(await db.notification.count({ where: { userId: friend.id, actorId: fan.id } })).toBe(1);
  });
});

it('answers 401 to a caller without a token on every follows route, and serves a caller without a profile', async () => {
  const target = await createUser(db);
  for (const [method, url] of [
    ['GET', `/users/${target.id}/followers`],
    ['GET', `/users/${target.id}/following`],
    ['DELETE', `/users/${target.id}/follow`],
    ['POST', `/genres/${randomUUID()}/follow`],
    ['GET', '/me/genres'],
  ] as const) {
    expect((await svc.app.inject({ method, url })).statusCode).toBe(401);
  }
  // Signed in but not projected yet (auth.user.registered.v1 still on its way): may still follow.
  const newcomer = await strangerAuth();
  const res = await svc.app.inject({
    method: 'POST',
    url: `/users/${target.id}/follow`,
    headers: newcomer,
  });
  expect(res.statusCode).toBe(204);
  const followers = await list(target, target.id, 'followers');
  expect(followers.json().items[0]).toMatchObject({ displayName: null, initials: null });
});
