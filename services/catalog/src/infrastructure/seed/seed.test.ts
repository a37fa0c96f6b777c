import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { CatalogMoviePublishedV1 } from '@kavosh/contracts';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../../db.js';
import { startCatalog } from '../../../test/helper.js';
import { allPages } from '../../../test/catalog-fixtures.js';
import { generateDemoCatalog } from './generate.js';
import { seedDemoCatalog, writeDemoCatalog } from './seed.js';

describe('generateDemoCatalog', () => {
  it('gives the same catalog for the same size and seed, another for another seed', () => {
    expect(generateDemoCatalog(50)).toEqual(generateDemoCatalog(50));
    expect(generateDemoCatalog(50, 8)).not.toEqual(generateDemoCatalog(50));
  });

  it('makes unique slugs and ids, credits that name existing people, some premium', () => {
    const { movies, people } = generateDemoCatalog(2_000);
    expect(new Set(movies.map((m) => m.slug)).size).toBe(movies.length);
    expect(new Set(movies.map((m) => m.id)).size).toBe(movies.length);
    const personIds = new Set(people.map((p) => p.id));
    expect(movies.every((m) => m.credits.every((c) => personIds.has(c.personId)))).toBe(true);
    expect(movies.every((m) => m.slug.length <= 100)).toBe(true);
    const premium = movies.filter((m) => m.premium).length;
    expect(premium).toBeGreaterThan(300);
    expect(premium).toBeLessThan(700);
  });
});

describe('seedDemoCatalog', () => {
  let svc: TestService<KavoshApp>;
  let db: Database;

  beforeAll(async () => {
    svc = await startCatalog();
    db = createDatabase(svc.databaseUrl);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  it('fills an empty catalog with published movies readable through the API', async () => {
    const result = await seedDemoCatalog(db, { movies: 220 });
    expect(result).toMatchObject({ seeded: true, movies: 220, genres: 14 });
    const listed = await allPages<{ id: string; genres: unknown[] }>(svc.app, '/movies?limit=100');
    expect(listed).toHaveLength(220);
    expect(listed.every((m) => m.genres.length > 0)).toBe(true);
    expect(await db.credit.count()).toBeGreaterThan(220 * 5);
    expect(await db.movie.count({ where: { premium: true } })).toBeGreaterThan(0);
    // Times, decimals and flags survive the raw insert unchanged, in any time zone.
    const expected = generateDemoCatalog(220).movies[7];
    const stored = await db.movie.findUniqueOrThrow({ where: { id: expected?.id ?? '' } });
    expect(stored.publishedAt?.toISOString()).toBe(expected?.publishedAt.toISOString());
    expect(stored.ratingAverage?.toFixed(2) ?? null).toBe(expected?.ratingAverage);
    expect(stored.ratingSum).toBe(expected?.ratingSum);
    expect(stored.premium).toBe(expected?.premium);
    expect(stored.peopleNames).toBe(expected?.peopleNames);

    const someone = await db.person.findFirstOrThrow({
      where: { credits: { some: {} } },
      include: { credits: true },
    });
    const surname = someone.name.split(' ').at(-1) ?? '';
    const found = await allPages<{ id: string }>(
      svc.app,
      `/movies?q=${encodeURIComponent(surname)}&limit=100`,
    );
    const ids = found.map((m) => m.id);
    for (const credit of someone.credits) expect(ids).toContain(credit.movieId);
  });

  const publishedEvents = async () =>
    (
      await db.outboxEvent.findMany({
        where: { type: 'catalog.movie.published.v1' },
        orderBy: { id: 'asc' },
      })
    ).map((row) => ({ ...row, envelope: JSON.parse(row.envelope) as unknown }));

  it('writes one catalog.movie.published.v1 per seeded movie, valid by the contract', async () => {
    const events = await publishedEvents();
    const { movies } = generateDemoCatalog(220);
    expect(events.map((e) => e.subject)).toEqual(movies.map((m) => m.id));
    const invalid = events.filter((e) => !Value.Check(CatalogMoviePublishedV1, e.envelope));
    expect(invalid.map((e) => [...Value.Errors(CatalogMoviePublishedV1, e.envelope)])).toEqual([]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(220);
    expect(events.every((e) => (e.envelope as { id: string }).id === e.eventId)).toBe(true);
    // The payload is the stored movie's, as an editor's publish would send it.
    const movie = movies[7];
    const stored = await db.movie.findUniqueOrThrow({
      where: { id: movie?.id ?? '' },
      include: { genres: true, credits: true },
    });
    expect(events[7]?.envelope).toMatchObject({
      type: 'catalog.movie.published.v1',
      subject: stored.id,
      time: stored.publishedAt?.toISOString(),
      data: {
        movieId: stored.id,
        slug: stored.slug,
        title: stored.title,
        year: stored.year,
        tier: stored.premium ? 'premium' : 'free',
        publishedAt: stored.publishedAt?.toISOString(),
      },
    });
    const data = (events[7]?.envelope as { data: { genreIds: string[]; peopleIds: string[] } })
      .data;
    expect([...data.genreIds].sort()).toEqual(stored.genres.map((g) => g.genreId).sort());
    expect([...data.peopleIds].sort()).toEqual(
      [...new Set(stored.credits.map((c) => c.personId))].sort(),
    );
  });

  it('leaves a catalog that has movies alone', async () => {
    expect(await seedDemoCatalog(db, { movies: 500 })).toMatchObject({ seeded: false });
    expect(await db.movie.count()).toBe(220);
    expect(await publishedEvents()).toHaveLength(220);
  });

  it('writes no second row nor event when another replica seeds the same catalog', async () => {
    const before = await publishedEvents();
    await writeDemoCatalog(db, generateDemoCatalog(220));
    expect(await db.movie.count()).toBe(220);
    expect((await publishedEvents()).map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
  });
});
