import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyUnpublished } from '../movies/repository.js';
import {
  outboxEvents,
  publishedMovie,
  startS1,
  user,
  type S1Context,
} from '../../test/s1-fixtures.js';

const CHANGED = 'social.rating.changed.v1';
let ctx: S1Context;

beforeAll(async () => {
  ctx = await startS1();
});
afterAll(() => ctx?.close());

const rate = (movieId: string, auth: { authorization: string } | undefined, value: unknown) =>
  ctx.svc.app.inject({
    method: 'PUT',
    url: `/movies/${movieId}/rating`,
    ...(auth && { headers: auth }),
    payload: { value },
  });

const read = (movieId: string, auth?: { authorization: string }) =>
  ctx.svc.app.inject({
    method: 'GET',
    url: `/movies/${movieId}/rating`,
    ...(auth && { headers: auth }),
  });

describe('ratings', () => {
  it('when a user rates, re-rates and removes, then the aggregate and the outbox follow each change', async () => {
    const movieId = await publishedMovie(ctx.db);
    const alice = await user(ctx.db);
    const bob = await user(ctx.db);

    expect((await rate(movieId, alice.auth, 8)).json()).toMatchObject({
      mine: { value: 8 },
      aggregate: { ratingCount: 1, ratingSum: 8, averageRating: 8 },
    });
    await rate(movieId, bob.auth, 5);
    const rerated = await rate(movieId, alice.auth, 10);
    expect(rerated.statusCode).toBe(200);
    expect(rerated.json()).toMatchObject({
      mine: { value: 10 },
      aggregate: { ratingCount: 2, ratingSum: 15, averageRating: 7.5 },
    });

    const mine = await read(movieId, bob.auth);
    expect(mine.json()).toMatchObject({
      movieId,
      mine: { value: 5 },
      aggregate: { ratingCount: 2 },
    });
    expect((await read(movieId)).json()).toMatchObject({
      mine: null,
      aggregate: { ratingSum: 15 },
    });

    const removed = await ctx.svc.app.inject({
      method: 'DELETE',
      url: `/movies/${movieId}/rating`,
      headers: alice.auth,
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({
      mine: null,
      aggregate: { ratingCount: 1, ratingSum: 5, averageRating: 5 },
    });

    const events = await outboxEvents(ctx.db, CHANGED, movieId);
    expect(events.map((e) => [e.data['ratingCount'], e.data['ratingSum']])).toEqual([
      [1, 8],
      [2, 13],
      [2, 15],
      [1, 5],
    ]);
    const asOfs = events.map((e) => Date.parse(String(e.data['asOf'])));
    // Strictly increasing: catalog keeps the newest aggregate by asOf.
    for (let i = 1; i < asOfs.length; i++) expect(asOfs[i]).toBeGreaterThan(asOfs[i - 1] ?? 0);
    expect(events[3]).toMatchObject({ subject: movieId, source: '/kavosh/social' });
  });

  it('when the same value is sent again, then nothing changes and nothing is published', async () => {
    const movieId = await publishedMovie(ctx.db);
    const alice = await user(ctx.db);
    await rate(movieId, alice.auth, 6);
    await rate(movieId, alice.auth, 6);
    expect(await outboxEvents(ctx.db, CHANGED, movieId)).toHaveLength(1);
  });

  it('when many users rate one movie at once, then no rating is lost from the aggregate', async () => {
    const movieId = await publishedMovie(ctx.db);
    const raters = await Promise.all(Array.from({ length: 12 }, () => user(ctx.db)));
    const answers = await Promise.all(raters.map((r, i) => rate(movieId, r.auth, (i % 10) + 1)));
    expect(answers.map((a) => a.statusCode)).toEqual(raters.map(() => 200));
    const expectedSum = raters.reduce((sum, _, i) => sum + (i % 10) + 1, 0);
    expect((await read(movieId)).json()).toMatchObject({
      aggregate: { ratingCount: 12, ratingSum: expectedSum },
    });
    const last = (await outboxEvents(ctx.db, CHANGED, movieId)).at(-1);
    expect(last?.data).toMatchObject({ ratingCount: 12, ratingSum: expectedSum });
  });

  it('when the value is out of range or not an integer, then 400', async () => {
    const movieId = await publishedMovie(ctx.db);
    const alice = await user(ctx.db);
    for (const value of [0, 11, 5.5, '7', null]) {
      const answer = await rate(movieId, alice.auth, value);
      expect(answer.statusCode).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    }
    const extra = await ctx.svc.app.inject({
      method: 'PUT',
      url: `/movies/${movieId}/rating`,
      headers: alice.auth,
      payload: { value: 5, userId: randomUUID() },
    });
    expect(extra.statusCode).toBe(400);
    expect(await outboxEvents(ctx.db, CHANGED, movieId)).toHaveLength(0);
  });

  it('when the movie is unknown or withdrawn, then rating it is 404 MOVIE_NOT_FOUND, and removing the rating still works', async () => {
    const alice = await user(ctx.db);
    const unknown = await rate(randomUUID(), alice.auth, 5);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'MOVIE_NOT_FOUND' });

    const movieId = await publishedMovie(ctx.db);
    await rate(movieId, alice.auth, 9);
    await ctx.db.$transaction((tx) => applyUnpublished(tx, movieId, new Date(Date.now() + 1000)));
    expect((await rate(movieId, alice.auth, 4)).json()).toMatchObject({ code: 'MOVIE_NOT_FOUND' });
    expect((await read(movieId)).statusCode).toBe(404);
    const removed = await ctx.svc.app.inject({
      method: 'DELETE',
      url: `/movies/${movieId}/rating`,
      headers: alice.auth,
    });
    expect(removed.json()).toMatchObject({ aggregate: { ratingCount: 0, averageRating: null } });
    const again = await ctx.svc.app.inject({
      method: 'DELETE',
      url: `/movies/${movieId}/rating`,
      headers: alice.auth,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'RATING_NOT_FOUND' });
  });

  it('when no token is sent, then writing is 401 and reading shows only the aggregate', async () => {
    const movieId = await publishedMovie(ctx.db);
    expect((await rate(movieId, undefined, 5)).statusCode).toBe(401);
    const del = await ctx.svc.app.inject({ method: 'DELETE', url: `/movies/${movieId}/rating` });
    expect(del.statusCode).toBe(401);
    expect((await read(movieId)).json()).toEqual({
      movieId,
      mine: null,
      aggregate: { ratingCount: 0, ratingSum: 0, averageRating: null, asOf: null },
    });
    expect((await read('not-a-uuid')).statusCode).toBe(400);
  });
});
