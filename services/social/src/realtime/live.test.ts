import { randomUUID } from 'node:crypto';
import type { TestWebSocket } from '@kavosh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocial } from '../../test/helper.js';
import {
  closedWith,
  createUser,
  listen,
  openSocket,
  send,
  type S3User,
} from '../../test/s3-fixtures.js';
import { createDatabase, type Database } from '../db.js';
import { applyPublished } from '../movies/repository.js';

type Social = Awaited<ReturnType<typeof startSocial>>;

// Two replicas on one database and one Redis: what one commits reaches sockets on the other.
let first: Social;
let second: Social;
let secondHost: string;
let db: Database;

beforeAll(async () => {
  first = await startSocial();
  second = await startSocial({
    rewriteDatabaseUrl: () => first.databaseUrl,
    env: { WS_MAX_ROOMS_PER_CONNECTION: '2', WS_MAX_BUFFERED_BYTES: '65536' },
  });
  secondHost = await listen(second.app);
  db = createDatabase(first.databaseUrl);
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([first?.close(), second?.close()]);
});

async function publishedMovie(): Promise<string> {
  const movieId = randomUUID();
  // As the projection applies catalog.movie.published.v1 (the rating aggregate row included).
  await db.$transaction((tx) =>
    applyPublished(tx, {
      movieId,
      slug: `m-${movieId}`,
      title: 'Close-Up',
      genreIds: [],
      at: new Date(),
    }),
  );
  return movieId;
}

async function subscribed(ws: TestWebSocket, movieId: string): Promise<void> {
  send(ws, { type: 'subscribe', room: `movie:${movieId}` });
  expect(await ws.next()).toEqual({ v: 1, type: 'subscribed', room: `movie:${movieId}` });
}

const comment = (by: S3User, movieId: string, body: string) =>
  first.app.inject({
    method: 'POST',
    url: `/movies/${movieId}/comments`,
    headers: by.auth,
    payload: { body },
  });

describe('live movie rooms', () => {
  it('when someone comments or rates on one replica, then room members on the other get it', async () => {
    const movieId = await publishedMovie();
    const [viewer, author] = [await createUser(db), await createUser(db, 'Ana Lima')];
    const ws = await openSocket(second.app, secondHost, viewer);
    await subscribed(ws, movieId);
    // Subscribing twice is still one membership.
    await subscribed(ws, movieId);

    const posted = await comment(author, movieId, 'What an ending');
    expect(posted.statusCode).toBe(201);
    expect(await ws.next()).toEqual({
      v: 1,
      type: 'movie.comment.created',
      movieId,
      comment: posted.json(),
    });
    const rated = await first.app.inject({
      method: 'PUT',
      url: `/movies/${movieId}/rating`,
      headers: author.auth,
      payload: { value: 8 },
    });
    expect(rated.statusCode).toBeLessThan(300);
    expect(await ws.next()).toMatchObject({
      v: 1,
      type: 'movie.rating.changed',
      movieId,
      ratingCount: 1,
      ratingSum: 8,
      averageRating: 8,
    });
    ws.close();
  });

  it('when a client unsubscribes, then it gets nothing more from the room', async () => {
    const movieId = await publishedMovie();
    const [leaver, stayer, author] = [
      await createUser(db),
      await createUser(db),
      await createUser(db),
    ];
    const leaving = await openSocket(second.app, secondHost, leaver);
    const staying = await openSocket(second.app, secondHost, stayer);
    await subscribed(leaving, movieId);
    await subscribed(staying, movieId);
    send(leaving, { type: 'unsubscribe', room: `movie:${movieId}` });
    expect(await leaving.next()).toEqual({
      v: 1,
      type: 'unsubscribed',
      room: `movie:${movieId}`,
    });
    await comment(author, movieId, 'still here?');
    expect(await staying.next()).toMatchObject({ type: 'movie.comment.created' });
    // The stayer had it: anything for the leaver would have been sent before this pong.
    send(leaving, { type: 'ping' });
    expect(await leaving.next()).toEqual({ v: 1, type: 'pong' });
    leaving.close();
    staying.close();
  });

  it('when the movie is not published, or the connection has its cap of rooms, then an error frame', async () => {
    const user = await createUser(db);
    const ws = await openSocket(second.app, secondHost, user);
    send(ws, { type: 'subscribe', room: `movie:${randomUUID()}` });
    expect(await ws.next()).toMatchObject({ v: 1, type: 'error', code: 'ROOM_NOT_FOUND' });
    await subscribed(ws, await publishedMovie());
    await subscribed(ws, await publishedMovie());
    send(ws, { type: 'subscribe', room: `movie:${await publishedMovie()}` });
    expect(await ws.next()).toMatchObject({ v: 1, type: 'error', code: 'ROOM_LIMIT' });
    // An error frame leaves the connection open.
    send(ws, { type: 'ping' });
    expect(await ws.next()).toEqual({ v: 1, type: 'pong' });
    ws.close();
  });

  it('when a room member stops reading, then it is closed 1013 at the buffer cap', async () => {
    const movieId = await publishedMovie();
    const ws = await openSocket(second.app, secondHost, await createUser(db));
    await subscribed(ws, movieId);
    ws.pause();
    const big = 'x'.repeat(60_000);
    let closedByServer = false;
    for (let i = 0; i < 2_000 && !closedByServer; i++) {
      const filler = { id: String(i), movieId, body: big };
      await first.app.realtime.pushToRoom(`movie:${movieId}`, {
        type: 'movie.comment.created',
        movieId,
        comment: filler,
      });
      if (i % 50 === 49) {
        const metrics = await second.app.inject({ method: 'GET', url: '/metrics' });
        closedByServer = /^social_ws_slow_consumers_closed_total [1-9]/m.test(metrics.body);
      }
    }
    expect(closedByServer).toBe(true);
    const done = closedWith(ws);
    ws.resume();
    expect((await done).code).toBe(1013);
  }, 30_000);
});

describe('live notifications', () => {
  it('when a notification is created on one replica, then the user gets it on the other; resume fills a gap', async () => {
    const ben = await createUser(db, 'Ben Okafor');
    const [ana, cleo, dan] = [await createUser(db), await createUser(db), await createUser(db)];
    const follow = (by: S3User) =>
      first.app.inject({ method: 'POST', url: `/users/${ben.id}/follow`, headers: by.auth });

    let ws = await openSocket(second.app, secondHost, ben);
    expect((await follow(ana)).statusCode).toBeLessThan(300);
    const live = await ws.next();
    expect(live).toMatchObject({
      v: 1,
      type: 'notification.created',
      notification: { kind: 'user.followed' },
    });
    const seenId = (live.notification as { id: string }).id;
    const gone = closedWith(ws);
    ws.close();
    await gone;

    // Missed while offline, then one more after the reconnect.
    expect((await follow(cleo)).statusCode).toBeLessThan(300);
    ws = await openSocket(second.app, secondHost, ben);
    send(ws, { type: 'resume', notificationsAfter: seenId });
    const missed = await ws.next();
    expect(missed).toMatchObject({
      type: 'notification.created',
      notification: { kind: 'user.followed' },
    });
    expect((missed.notification as { id: string }).id).not.toBe(seenId);
    expect(await ws.next()).toEqual({
      v: 1,
      type: 'resumed',
      notifications: 1,
      chatMessages: 0,
      complete: true,
    });
    expect((await follow(dan)).statusCode).toBeLessThan(300);
    expect(await ws.next()).toMatchObject({ type: 'notification.created' });
    ws.close();
  });
});
