import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventPublisher,
  startS1,
  type EventPublisher,
  type S1Context,
} from '../../test/s1-fixtures.js';
import { MOVIES_QUEUE } from './consumers.js';
import { isPublished } from './index.js';

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

const at = (offsetMs: number) =>
  new Date(Date.parse('2026-12-01T10:00:00.000Z') + offsetMs).toISOString();

async function deliver(type: string, movieId: string, data: Record<string, unknown>) {
  const event = events.event(type, movieId, { movieId, ...data });
  await events.publish(event);
  await events.handled(ctx.db, MOVIES_QUEUE, event.id);
  return event;
}

const published = (movieId: string, offsetMs: number, title = 'Solaris', genreIds: string[] = []) =>
  deliver('catalog.movie.published.v1', movieId, {
    slug: 'solaris',
    title,
    year: 1972,
    genreIds,
    peopleIds: [],
    tier: 'free',
    publishedAt: at(offsetMs),
  });

const unpublished = (movieId: string, offsetMs: number) =>
  deliver('catalog.movie.unpublished.v1', movieId, { unpublishedAt: at(offsetMs) });

describe('published-movies projection', () => {
  it('when a movie is published, then it is known with its genres and an empty rating aggregate', async () => {
    const movieId = randomUUID();
    const genres = [randomUUID(), randomUUID()];
    await published(movieId, 0, 'Solaris', genres);
    expect(await isPublished(ctx.db, movieId)).toBe(true);
    expect(await ctx.db.movie.findUnique({ where: { id: movieId } })).toMatchObject({
      slug: 'solaris',
      title: 'Solaris',
      published: true,
      stateAt: new Date(at(0)),
    });
    const stored = await ctx.db.movieGenre.findMany({ where: { movieId } });
    expect(stored.map((g) => g.genreId).sort()).toEqual([...genres].sort());
    expect(await ctx.db.ratingAggregate.findUnique({ where: { movieId } })).toMatchObject({
      ratingCount: 0,
    });
  });

  it('when events arrive out of order, then the newest event time wins', async () => {
    const movieId = randomUUID();
    await published(movieId, 0);
    await unpublished(movieId, 2_000);
    await published(movieId, 1_000, 'Stale title');
    expect(await isPublished(ctx.db, movieId)).toBe(false);

    const republished = randomUUID();
    await unpublished(republished, 1_000);
    await published(republished, 500);
    expect(await isPublished(ctx.db, republished)).toBe(false);
    await published(republished, 3_000, 'Back', [randomUUID()]);
    expect(await isPublished(ctx.db, republished)).toBe(true);
    expect(await ctx.db.movie.findUnique({ where: { id: republished } })).toMatchObject({
      title: 'Back',
    });
  });

  it('when the same publish is delivered again, then nothing changes (one genre set, one aggregate)', async () => {
    const movieId = randomUUID();
    const genre = randomUUID();
    const event = await published(movieId, 0, 'Once', [genre]);
    await events.publish(event);
    await published(movieId, 0, 'Same time, other copy', [randomUUID()]);
    expect(await ctx.db.movie.findUnique({ where: { id: movieId } })).toMatchObject({
      title: 'Once',
    });
    expect(await ctx.db.movieGenre.findMany({ where: { movieId } })).toEqual([
      { movieId, genreId: genre },
    ]);
  });

  it('when a movie was never published, then it is not published', async () => {
    expect(await isPublished(ctx.db, randomUUID())).toBe(false);
  });
});
