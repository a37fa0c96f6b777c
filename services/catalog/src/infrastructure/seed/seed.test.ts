import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../../db.js';
import { startCatalog } from '../../../test/helper.js';
import { allPages } from '../../../test/catalog-fixtures.js';
import { generateDemoCatalog } from './generate.js';
import { seedDemoCatalog } from './seed.js';

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

  it('leaves a catalog that has movies alone', async () => {
    expect(await seedDemoCatalog(db, { movies: 500 })).toMatchObject({ seeded: false });
    expect(await db.movie.count()).toBe(220);
  });
});
