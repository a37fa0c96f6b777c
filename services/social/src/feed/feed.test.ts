import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../db.js';
import { startSocial } from '../../test/helper.js';
import { createUser, publishedMovie, type TestUser } from '../../test/s2-fixtures.js';

let svc: Awaited<ReturnType<typeof startSocial>>;
let db: Database;

beforeAll(async () => {
  svc = await startSocial();
  db = createDatabase(svc.databaseUrl);
});
afterAll(async () => {
  await db?.$disconnect();
  await svc?.close();
});

// Items of the last day: well inside the feed's horizon (FEED_HORIZON_DAYS, 30 by default).
const BASE = Math.floor((Date.now() - 86_400_000) / 60_000) * 60_000;
const at = (minute: number) => new Date(BASE + minute * 60_000);

const rate = (userId: string, movieId: string, value: number, when: Date) =>
  db.rating.create({ data: { userId, movieId, value, createdAt: when, updatedAt: when } });

async function comment(
  authorId: string,
  movieId: string,
  when: Date,
  state: 'visible' | 'hidden' | 'deleted' = 'visible',
) {
  const id = randomUUID();
  await db.comment.create({
    data: {
      id,
      movieId,
      authorId,
      depth: 0,
      body: `Said at ${when.toISOString()}`,
      state,
      createdAt: when,
    },
  });
  return id;
}

interface Item {
  kind: string;
  id: string;
  at: string;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

const feed = (who: TestUser, query = '') =>
  svc.app.inject({ method: 'GET', url: `/feed${query}`, headers: who.auth });

/** Every item, page by page with `limit`. */
async function readAll(who: TestUser, limit: number): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const res = await feed(who, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    const page: Page = res.json();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const follow = (who: TestUser, path: string) =>
  svc.app.inject({ method: 'POST', url: path, headers: who.auth });

describe('GET /feed', () => {
  it('merges ratings and visible comments of followed users with movies of followed genres, newest first', async () => {
    const reader = await createUser(db);
    const ana = await createUser(db, 'Ana Alves');
    const ben = await createUser(db, 'Ben Brown');
    const stranger = await createUser(db);
    const [drama, comedy, horror] = [randomUUID(), randomUUID(), randomUUID()];
    await follow(reader, `/users/${ana.id}/follow`);
    await follow(reader, `/users/${ben.id}/follow`);
    await follow(reader, `/genres/${drama}/follow`);
    await follow(reader, `/genres/${comedy}/follow`);

    const watched = await publishedMovie(db, [], at(0));
    const pulled = await publishedMovie(db, [], at(0));
    await db.movie.update({ where: { id: pulled }, data: { published: false } });
    await rate(ana.id, watched, 8, at(1));
    const said = await comment(ben.id, watched, at(2));
    // In two followed genres: one item, not two.
    const both = await publishedMovie(db, [drama, comedy], at(3));
    await comment(ben.id, watched, at(4), 'hidden');
    await comment(ben.id, watched, at(5), 'deleted');
    await rate(stranger.id, watched, 2, at(6));
    await publishedMovie(db, [horror], at(7));
    await rate(ana.id, pulled, 9, at(8));
    await comment(reader.id, watched, at(9));
    // Older than the horizon: out of the feed.
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    await comment(ana.id, watched, longAgo);
    await publishedMovie(db, [drama], longAgo);

    const res = await feed(reader);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([
      {
        kind: 'movie',
        id: `m:${both}`,
        at: at(3).toISOString(),
        movie: expect.objectContaining({ id: both }),
      },
      {
        kind: 'comment',
        id: `c:${said}`,
        at: at(2).toISOString(),
        actor: { userId: ben.id, displayName: 'Ben Brown', initials: 'BE' },
        movie: expect.objectContaining({ id: watched }),
        commentId: said,
        parentId: null,
        body: `Said at ${at(2).toISOString()}`,
      },
      {
        kind: 'rating',
        id: `r:${ana.id}:${watched}`,
        at: at(1).toISOString(),
        actor: { userId: ana.id, displayName: 'Ana Alves', initials: 'AN' },
        movie: expect.objectContaining({ id: watched }),
        value: 8,
      },
    ]);
  });

  it('pages with a stable cursor: every item once in order, ties broken by id, unaffected by newer items', async () => {
    const reader = await createUser(db);
    const friends = await Promise.all([1, 2, 3].map(() => createUser(db)));
    const genre = randomUUID();
    for (const friend of friends) await follow(reader, `/users/${friend.id}/follow`);
    await follow(reader, `/genres/${genre}/follow`);
    const movie = await publishedMovie(db, [], at(0));
    // Twelve items over six minutes: pairs share a time, so the order within a tie matters.
    for (let minute = 1; minute <= 6; minute++) {
      const friend = friends[minute % 3]!;
      await comment(friend.id, movie, at(minute));
      if (minute % 2 === 0) await publishedMovie(db, [genre], at(minute));
      else
        await rate(
          friends[(minute + 1) % 3]!.id,
          await publishedMovie(db, [], at(0)),
          5,
          at(minute),
        );
    }
    const whole = (await feed(reader, '?limit=50')).json<Page>().items;
    expect(whole).toHaveLength(12);
    const times = whole.map((item) => item.at);
    expect([...times].sort().reverse()).toEqual(times);

    expect(await readAll(reader, 5)).toEqual(whole);
    expect(await readAll(reader, 1)).toEqual(whole);

    // A new item arriving between pages shows on a fresh first page, never mid-listing.
    const first = (await feed(reader, '?limit=4')).json<Page>();
    await comment(friends[0]!.id, movie, at(30));
    const rest: Item[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = (await feed(reader, `?limit=4&cursor=${cursor}`)).json<Page>();
      rest.push(...next.items);
      cursor = next.nextCursor;
    }
    expect([...first.items, ...rest]).toEqual(whole);
    expect((await feed(reader, '?limit=1')).json<Page>().items[0]?.at).toBe(at(30).toISOString());
  });

  it('finds items hours and weeks apart, across its widening read windows, each once in order', async () => {
    const reader = await createUser(db);
    const friend = await createUser(db);
    await follow(reader, `/users/${friend.id}/follow`);
    const movie = await publishedMovie(db, [], new Date(Date.now() - 40 * 86_400_000));
    const start = Date.now();
    const times = [10, 50, 130, 600, 7_000, 29_000].map(
      (ageMinutes) => new Date(start - ageMinutes * 60_000),
    );
    for (const time of times) await comment(friend.id, movie, time);
    const whole = (await feed(reader, '?limit=50')).json<Page>().items;
    expect(whole.map((item) => item.at)).toEqual(times.map((time) => time.toISOString()));
    expect(await readAll(reader, 1)).toEqual(whole);
    expect(await readAll(reader, 4)).toEqual(whole);
  });

  it('drops a followed user’s items once either of the two blocks the other', async () => {
    const reader = await createUser(db);
    const friend = await createUser(db);
    await follow(reader, `/users/${friend.id}/follow`);
    await rate(friend.id, await publishedMovie(db), 6, at(1));
    expect((await feed(reader)).json<Page>().items).toHaveLength(1);
    await db.block.create({ data: { blockerId: friend.id, blockedId: reader.id } });
    expect((await feed(reader)).json<Page>().items).toEqual([]);
  });

  it('is empty for a user who follows nobody, and refuses bad input and another user’s cursor', async () => {
    const loner = await createUser(db);
    expect((await feed(loner)).json()).toEqual({ items: [], nextCursor: null });

    const reader = await createUser(db);
    const friend = await createUser(db);
    await follow(reader, `/users/${friend.id}/follow`);
    const movie = await publishedMovie(db);
    await rate(friend.id, movie, 7, at(1));
    await comment(friend.id, movie, at(2));
    const { nextCursor } = (await feed(reader, '?limit=1')).json<Page>();
    expect(nextCursor).toEqual(expect.any(String));
    const foreign = await feed(loner, `?cursor=${nextCursor}`);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    expect((await feed(reader, '?cursor=%25%25')).json()).toMatchObject({ code: 'INVALID_CURSOR' });
    expect((await feed(reader, '?limit=51')).statusCode).toBe(400);
    expect((await feed(reader, '?limit=0')).statusCode).toBe(400);
    expect((await feed(reader, '?extra=1')).statusCode).toBe(400);
    expect((await svc.app.inject({ method: 'GET', url: '/feed' })).statusCode).toBe(401);
  });
});
