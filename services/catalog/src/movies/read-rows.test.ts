import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, rawPoolOf, type Database } from '../db.js';
import { startCatalog } from '../../test/helper.js';
import { insertGenre, insertMovies, insertPerson } from '../../test/catalog-fixtures.js';
import {
  moviesRepository as repo,
  type Keyset,
  type ListFilter,
  type ListOrder,
} from './repository.js';
import type { MovieDetailRow, MovieSummaryRow } from './read-rows.js';

// Reads outside a transaction use the raw pool, inside one Prisma: both must give the same rows.
const byKey = <T>(list: T[], key: (t: T) => string) =>
  [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
const summaryOf = (row: MovieSummaryRow) => ({
  ...row,
  genres: byKey(row.genres, (g) => g.id),
  languages: [...row.languages].sort(),
});
const detailOf = (row: MovieDetailRow | null) =>
  row === null
    ? null
    : { ...summaryOf(row), credits: byKey(row.credits, (c) => c.personId + c.role) };

describe('movie reads: raw pool and Prisma', () => {
  let svc: TestService<KavoshApp>;
  let db: Database;
  let ids: string[];
  let slugs: string[];
  const viaPrisma = <T>(
    read: (tx: Parameters<Parameters<Database['$transaction']>[0]>[0]) => Promise<T>,
  ) => db.$transaction(read);

  beforeAll(async () => {
    svc = await startCatalog();
    db = createDatabase(svc.databaseUrl);
    const drama = await insertGenre(db, 'Drama');
    const noir = await insertGenre(db, 'Film "Noir" — été');
    const director = await insertPerson(db, 'Zoë O\'Brien \\ "Ẓ"');
    const actor = await insertPerson(db, 'Kaveh Lighthouse');
    const movies = await insertMovies(
      db,
      Array.from({ length: 12 }, (_, i) => ({
        title: `Lighthouse ${i % 3 === 0 ? 'harbour' : 'meadow'} ${i}`,
        synopsis: i % 2 === 0 ? 'A zephyrine tale by the sea.' : 'Fog over the harbour.',
        year: 1990 + i,
        premium: i % 4 === 0,
        // Ties on every key: the id decides.
        publishedAt: i === 11 ? null : new Date(Date.UTC(2026, 0, 1, 10, Math.floor(i / 2), 0, 7)),
        ratingAverage: i % 5 === 0 ? null : 1.25 + (i % 3),
        ratingCount: i % 4,
        genreIds: i % 2 === 0 ? [drama.id, noir.id] : i % 3 === 0 ? [] : [noir.id],
        languages: i % 3 === 0 ? ['fa', 'en', 'pt-BR'] : ['en'],
        credits:
          i % 2 === 0
            ? [
                { personId: director.id, role: 'director' as const },
                { personId: actor.id, role: 'cast' as const, position: 2 },
              ]
            : [],
        peopleNames: i % 2 === 0 ? `${director.name} ${actor.name}` : '',
      })),
    );
    ids = movies.map((m) => m.id);
    slugs = movies.map((m) => m.slug);
    const first = ids[0] ?? '';
    await db.movie.update({
      where: { id: first },
      data: {
        originalTitle: 'Фар',
        runtimeMinutes: 121,
        ageRating: 'PG-13',
        posterHash: 'a'.repeat(64),
        posterType: 'image/webp',
        version: 7,
      },
    });
    await db.credit.updateMany({
      where: { movieId: first, role: 'cast' },
      data: { character: 'The "keeper"' },
    });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  it('reads outside a transaction on the raw pool and inside one through Prisma', async () => {
    expect(rawPoolOf(db)).not.toBeNull();
    await db.$transaction(async (tx) => {
      expect(rawPoolOf(tx)).toBeNull();
    });
  });

  it('gives the same summaries, in the order of the ids asked for', async () => {
    const asked = [...ids].reverse().concat(randomUUID());
    const raw = await repo.findSummaries(db, asked);
    const prisma = await viaPrisma((tx) => repo.findSummaries(tx, asked));
    expect(raw.map((r) => r.id)).toEqual([...ids].reverse());
    expect(raw.map(summaryOf)).toEqual(prisma.map(summaryOf));
    const first = raw.find((r) => r.id === ids[0]);
    expect(first).toMatchObject({
      originalTitle: 'Фар',
      posterType: 'image/webp',
      premium: true,
      ratingAverage: null,
      version: 7,
    });
    expect(raw.find((r) => r.id === ids[1])?.ratingAverage).toBe(2.25);
  });

  it('gives the same detail by id and by slug, with credits, and null for none', async () => {
    for (const where of [
      { id: ids[0] ?? '' },
      { slug: slugs[1] ?? '' },
      { slug: slugs[11] ?? '' },
    ]) {
      const raw = await repo.findDetail(db, where);
      const prisma = await viaPrisma((tx) => repo.findDetail(tx, where));
      expect(raw).not.toBeNull();
      expect(detailOf(raw)).toEqual(detailOf(prisma));
    }
    const withCredits = await repo.findDetail(db, { id: ids[0] ?? '' });
    expect(withCredits?.credits).toContainEqual({
      personId: expect.any(String),
      name: 'Kaveh Lighthouse',
      role: 'cast',
      character: 'The "keeper"',
      position: 2,
    });
    expect(withCredits?.credits.map((c) => c.name)).toContain('Zoë O\'Brien \\ "Ẓ"');
    expect(await repo.findDetail(db, { slug: 'no-such-movie' })).toBeNull();
    expect(await viaPrisma((tx) => repo.findDetail(tx, { slug: 'no-such-movie' }))).toBeNull();
  });

  it('gives the same pages and sort keys for every order, filter and cursor', async () => {
    const orders: ListOrder[] = ['newest', 'title', 'rating', 'popularity', 'relevance'];
    const filters: ListFilter[] = [
      { status: 'published' },
      { premium: false, yearFrom: 1992, language: 'en' },
      {},
    ];
    for (const order of orders) {
      for (const base of filters) {
        const filter = order === 'relevance' ? { ...base, search: 'lighthouse harbour' } : base;
        let after: Keyset | undefined;
        let pages = 0;
        // Pages of 4 until the end, each page the same through both variants.
        for (;;) {
          const raw = await repo.listPage(db, filter, order, after, 4);
          const prisma = await viaPrisma((tx) => repo.listPage(tx, filter, order, after, 4));
          const label = `${order} ${JSON.stringify(filter)} page ${pages}`;
          expect(raw, label).toEqual(prisma);
          // The page with its summaries (one query on the raw pool) is the same page.
          const joined = await repo.listSummaryPage(db, filter, order, after, 4);
          const joinedPrisma = await viaPrisma((tx) =>
            repo.listSummaryPage(tx, filter, order, after, 4),
          );
          expect(joined.positions, label).toEqual(raw);
          expect(joinedPrisma.positions, label).toEqual(raw);
          expect(
            joined.rows.map((r) => r.id),
            label,
          ).toEqual(raw.map((p) => p.id));
          expect(joined.rows.map(summaryOf), label).toEqual(joinedPrisma.rows.map(summaryOf));
          const last = raw[raw.length - 1];
          if (raw.length < 4 || last === undefined) break;
          after = { value: last.key, id: last.id };
          pages += 1;
        }
        expect(pages).toBeGreaterThan(0);
      }
    }
  });
});
