import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventPublisher,
  outboxEvents,
  publishedMovie,
  startS1,
  user,
  type EventPublisher,
  type S1Context,
  type TestUser,
} from '../../test/s1-fixtures.js';
import { PROFILES_QUEUE } from './consumers.js';

const CHANGED = 'social.rating.changed.v1';
let ctx: S1Context;
let events: EventPublisher;

beforeAll(async () => {
  ctx = await startS1();
  events = await eventPublisher(ctx.svc);
});
afterAll(async () => {
  await events?.close();
  await ctx?.close();
});

const inject = (method: 'PUT' | 'POST', url: string, who: TestUser, payload: object) =>
  ctx.svc.app.inject({ method, url, headers: who.auth, payload });

async function comment(movieId: string, who: TestUser, body: string, parentId?: string) {
  const answer = await inject('POST', `/movies/${movieId}/comments`, who, {
    body,
    ...(parentId && { parentId }),
  });
  expect(answer.statusCode).toBe(201);
  return answer.json<{ id: string }>().id;
}

describe('account deletion (auth.user.deleted.v1)', () => {
  it('when a user is deleted, then their profile and ratings go, the aggregates are republished, their comments stay emptied in the thread and their reports lose the reporter; a redelivery changes nothing', async () => {
    const [m1, m2] = [await publishedMovie(ctx.db), await publishedMovie(ctx.db)];
    const leaving = await user(ctx.db, { name: 'Leaving User' });
    const staying = await user(ctx.db);
    await inject('PUT', `/movies/${m1}/rating`, leaving, { value: 9 });
    await inject('PUT', `/movies/${m1}/rating`, staying, { value: 3 });
    await inject('PUT', `/movies/${m2}/rating`, leaving, { value: 7 });
    const theirs = await comment(m1, leaving, 'my opinion');
    const answer = await comment(m1, staying, 'a reply to it', theirs);
    const reported = await comment(m1, staying, 'reported by the leaving user');
    expect(
      (await inject('POST', `/comments/${reported}/report`, leaving, { reason: 'spam' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await inject('POST', `/comments/${theirs}/report`, staying, { reason: 'rude' })).statusCode,
    ).toBe(201);
    const before = (await outboxEvents(ctx.db, CHANGED)).length;

    const deleted = events.event('auth.user.deleted.v1', leaving.id, {
      userId: leaving.id,
      deletedAt: new Date().toISOString(),
    });
    await events.publish(deleted);
    await events.handled(ctx.db, PROFILES_QUEUE, deleted.id);

    expect(
      (await ctx.svc.app.inject({ method: 'GET', url: `/users/${leaving.id}` })).statusCode,
    ).toBe(404);
    expect(await ctx.db.rating.count({ where: { userId: leaving.id } })).toBe(0);
    const after = (await outboxEvents(ctx.db, CHANGED)).slice(before);
    expect(
      after
        .map((e) => e.data)
        .sort((a, b) => String(a['movieId']).localeCompare(String(b['movieId']))),
    ).toEqual(
      [
        { movieId: m1, ratingCount: 1, ratingSum: 3, averageRating: 3, asOf: expect.any(String) },
        {
          movieId: m2,
          ratingCount: 0,
          ratingSum: 0,
          averageRating: null,
          asOf: expect.any(String),
        },
      ].sort((a, b) => a.movieId.localeCompare(b.movieId)),
    );
    const rating = await ctx.svc.app.inject({ method: 'GET', url: `/movies/${m1}/rating` });
    expect(rating.json()).toMatchObject({ aggregate: { ratingCount: 1, ratingSum: 3 } });

    const page = (
      await ctx.svc.app.inject({ method: 'GET', url: `/movies/${m1}/comments` })
    ).json();
    const thread = page.items.find((c: { id: string }) => c.id === theirs);
    expect(thread).toMatchObject({ state: 'deleted', body: null, author: null, replyCount: 1 });
    expect(thread.replies.items).toMatchObject([
      { id: answer, body: 'a reply to it', author: { id: staying.id } },
    ]);
    expect(await ctx.db.comment.findUnique({ where: { id: theirs } })).toMatchObject({
      body: '[deleted]',
      authorId: null,
      openReports: 0,
    });
    expect(await ctx.db.comment.count({ where: { authorId: leaving.id } })).toBe(0);
    expect(await ctx.db.commentReport.count({ where: { reporterId: leaving.id } })).toBe(0);
    expect(await ctx.db.commentReport.findFirst({ where: { commentId: reported } })).toMatchObject({
      reporterId: null,
      status: 'open',
    });

    // Redelivered, and a second deletion event for the same user: no second effect.
    await events.publish(deleted);
    const again = events.event('auth.user.deleted.v1', leaving.id, {
      userId: leaving.id,
      deletedAt: new Date().toISOString(),
    });
    await events.publish(again);
    await events.handled(ctx.db, PROFILES_QUEUE, again.id);
    expect((await outboxEvents(ctx.db, CHANGED)).length).toBe(before + 2);
    expect(await ctx.db.erasedUser.count({ where: { userId: leaving.id } })).toBe(1);
  });
});
