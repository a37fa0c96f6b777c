import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { createCursorCodec, queryFingerprint } from '../infrastructure/cursor.js';
import { startCatalog } from '../../test/helper.js';
import {
  allPages,
  authAs,
  insertGenre,
  insertMovies,
  insertPerson,
} from '../../test/catalog-fixtures.js';

interface Item {
  id: string;
  slug: string;
  title: string;
  year: number;
  status: string;
  premium: boolean;
  publishedAt: string | null;
  ratingAverage: number | null;
  ratingCount: number;
  genres: { id: string; slug: string }[];
  languages: string[];
}

const PUBLISHED = 37;
const base = Date.UTC(2026, 0, 1);

describe('reading movies', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  let db: Database;
  let editor: Record<string, string>;
  let drama: { id: string; slug: string };
  let comedy: { id: string; slug: string };
  let director: { id: string; name: string };
  let published: { id: string; slug: string }[];
  let drafts: { id: string; slug: string }[];

  beforeAll(async () => {
    svc = await startCatalog();
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
    editor = await authAs('editor');
    drama = await insertGenre(db, 'Drama');
    comedy = await insertGenre(db, 'Comedy');
    director = await insertPerson(db, 'Orsolya Vantablack');
    // Several movies share a publication time, a rating and a rating count: ties go by id.
    published = await insertMovies(
      db,
      Array.from({ length: PUBLISHED }, (_, i) => ({
        title: `Title ${String.fromCharCode(65 + (i % 26))}${i}`,
        year: 1990 + (i % 30),
        premium: i % 4 === 0,
        publishedAt: new Date(base + Math.floor(i / 3) * 60_000),
        ratingAverage: i % 5 === 0 ? null : 1 + (i % 4),
        ratingCount: i % 6,
        genreIds: i % 2 === 0 ? [drama.id] : [comedy.id],
        languages: i % 3 === 0 ? ['fa'] : ['en'],
        credits: i % 7 === 0 ? [{ personId: director.id, role: 'director' as const }] : [],
        peopleNames: i % 7 === 0 ? director.name : '',
      })),
    );
    drafts = await insertMovies(db, [
      { title: 'Draft One', status: 'draft' },
      { title: 'Draft Two', status: 'draft' },
      { title: 'Draft Three', status: 'draft' },
      { title: 'Gone Away', status: 'unpublished', publishedAt: new Date(base) },
    ]);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  describe('GET /movies', () => {
    it('lists published movies newest first, 20 a page, with a cursor to the rest', async () => {
      const res = await app.inject({ url: '/movies' });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: Item[]; nextCursor: string | null }>();
      expect(body.items).toHaveLength(20);
      expect(body.nextCursor).toEqual(expect.any(String));
      const all = await allPages<Item>(app, '/movies');
      expect(all.map((m) => m.id).sort()).toEqual(published.map((m) => m.id).sort());
      const keys = all.map((m) => `${m.publishedAt ?? ''}|${m.id}`);
      expect(keys).toEqual([...keys].sort().reverse());
    });

    it.each([
      ['title', (a: Item, b: Item) => cmp(a.title, b.title) || cmp(a.id, b.id)],
      [
        'rating',
        (a: Item, b: Item) => nullsLast(a.ratingAverage, b.ratingAverage) || cmp(b.id, a.id),
      ],
      ['popularity', (a: Item, b: Item) => b.ratingCount - a.ratingCount || cmp(b.id, a.id)],
    ])('pages through sort=%s in its order, each movie once', async (sort, order) => {
      const all = await allPages<Item>(app, `/movies?sort=${sort}&limit=7`);
      expect(all).toHaveLength(PUBLISHED);
      expect(all.map((m) => m.id)).toEqual([...all].sort(order).map((m) => m.id));
    });

    it('filters by genre slug or id, years, language, premium and person', async () => {
      const bySlug = await allPages<Item>(app, `/movies?genre=${drama.slug}`);
      const byId = await allPages<Item>(app, `/movies?genre=${drama.id}`);
      expect(bySlug.length).toBe(19);
      expect(byId.map((m) => m.id)).toEqual(bySlug.map((m) => m.id));
      expect(bySlug.every((m) => m.genres.some((g) => g.id === drama.id))).toBe(true);

      const years = await allPages<Item>(app, '/movies?yearFrom=1995&yearTo=1999');
      expect(years.length).toBeGreaterThan(0);
      expect(years.every((m) => m.year >= 1995 && m.year <= 1999)).toBe(true);

      const farsi = await allPages<Item>(app, '/movies?language=fa&premium=true');
      expect(farsi.map((m) => m.id).sort()).toEqual(
        published
          .filter((_, i) => i % 3 === 0 && i % 4 === 0)
          .map((m) => m.id)
          .sort(),
      );

      const directed = await allPages<Item>(app, `/movies?person=${director.id}`);
      expect(directed.map((m) => m.id).sort()).toEqual(
        published
          .filter((_, i) => i % 7 === 0)
          .map((m) => m.id)
          .sort(),
      );
    });

    it('answers an empty page for a genre that does not exist', async () => {
      const res = await app.inject({ url: '/movies?genre=no-such-genre' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [], nextCursor: null });
    });

    it('hides drafts and unpublished movies from the public, and shows them to editors', async () => {
      const publicIds = (await allPages<Item>(app, '/movies')).map((m) => m.id);
      for (const draft of drafts) expect(publicIds).not.toContain(draft.id);
      const everything = await allPages<Item>(app, '/movies?limit=100', editor);
      expect(everything).toHaveLength(PUBLISHED + drafts.length);
      const onlyDrafts = await allPages<Item>(app, '/movies?status=draft', editor);
      expect(onlyDrafts.map((m) => m.title).sort()).toEqual([
        'Draft One',
        'Draft Three',
        'Draft Two',
      ]);
      // Drafts have no publication time: they page last in `newest`, by id, one at a time too.
      const paged = await allPages<Item>(app, '/movies?limit=1', editor);
      expect(paged.map((m) => m.id)).toEqual(everything.map((m) => m.id));
      expect(paged.slice(-3).every((m) => m.publishedAt === null)).toBe(true);
      const asUser = await app.inject({
        url: '/movies?status=draft',
        headers: await authAs('user'),
      });
      expect(asUser.statusCode).toBe(403);
    });

    it.each([
      ['an unknown filter', '/movies?colour=red'],
      ['a limit over the cap', '/movies?limit=101'],
      ['a limit of zero', '/movies?limit=0'],
      ['an unknown sort', '/movies?sort=random'],
      ['a bad year', '/movies?yearFrom=nineteen'],
      ['a bad person id', '/movies?person=42'],
      ['a q over 200 characters', `/movies?q=${'x'.repeat(201)}`],
      ['1 KB of symbols as q', `/movies?q=${encodeURIComponent('+-*"()~<>@'.repeat(100))}`],
    ])('refuses %s with 400 problem+json', async (_, url) => {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('refuses a malformed, tampered, foreign-secret or other-query cursor with INVALID_CURSOR', async () => {
      const first = await app.inject({ url: '/movies?sort=title&limit=5' });
      const cursor = first.json<{ nextCursor: string }>().nextCursor;
      const [payload = '', signature = ''] = cursor.split('.');
      const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
        f: string;
        k: unknown[];
      };
      const forgedPayload = Buffer.from(JSON.stringify({ ...decoded, k: ['A', decoded.k[1]] }));
      const foreign = createCursorCodec('some-other-secret-of-enough-length-000').encode(
        queryFingerprint('movies', {}),
        ['x', 'y'],
      );
      const cases = [
        'not-a-cursor',
        `${forgedPayload.toString('base64url')}.${signature}`,
        `${payload}.${signature.slice(0, -2)}AA`,
        foreign,
      ];
      for (const bad of cases) {
        const res = await app.inject({
          url: `/movies?sort=title&limit=5&cursor=${encodeURIComponent(bad)}`,
        });
        expect(res.statusCode, bad).toBe(400);
        expect(res.json()).toMatchObject({ code: 'INVALID_CURSOR' });
      }
      // The genuine cursor, replayed with another sort or filter.
      for (const other of ['sort=rating&limit=5', 'sort=title&limit=5&premium=true']) {
        const res = await app.inject({
          url: `/movies?${other}&cursor=${encodeURIComponent(cursor)}`,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'INVALID_CURSOR' });
      }
      // …but another page size is the same query.
      const ok = await app.inject({
        url: `/movies?sort=title&limit=9&cursor=${encodeURIComponent(cursor)}`,
      });
      expect(ok.statusCode).toBe(200);
    });

    it('neither repeats nor skips existing movies while others are inserted between pages', async () => {
      const local = createDatabase(svc.databaseUrl);
      try {
        const genre = await insertGenre(local, 'Stability');
        const existing = await insertMovies(
          local,
          Array.from({ length: 12 }, (_, i) => ({
            title: `Stable ${String(i * 2).padStart(2, '0')}`,
            genreIds: [genre.id],
            publishedAt: new Date(base - (i + 1) * 3_600_000),
          })),
        );
        for (const sort of ['title', 'newest']) {
          let n = 0;
          const seen = await allPages<Item>(
            local === db ? app : app,
            `/movies?genre=stability&sort=${sort}&limit=4`,
            {},
            async () => {
              // A title before and after the cursor, and the newest and oldest publication.
              n += 1;
              await insertMovies(local, [
                {
                  title: `Stable ${String(n * 4 - 1).padStart(2, '0')}`,
                  genreIds: [genre.id],
                  publishedAt: new Date(base + n * 60_000),
                },
                {
                  title: `Stable 00 ${sort} ${n}`,
                  genreIds: [genre.id],
                  publishedAt: new Date(base - 100 * 3_600_000 - n),
                },
              ]);
            },
          );
          const ids = seen.map((m) => m.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const movie of existing) expect(ids).toContain(movie.id);
        }
      } finally {
        await local.$disconnect();
      }
    });
  });

  describe('GET /movies?q=', () => {
    let matches: { id: string }[];
    beforeAll(async () => {
      const credited = await insertPerson(db, 'Quillon Marchetti');
      matches = await insertMovies(db, [
        { title: 'Zephyrine Nights', synopsis: 'A lighthouse keeper and a zephyrine storm.' },
        { title: 'Harbour', synopsis: 'The zephyrine wind returns to the harbour.' },
        {
          title: 'Quiet Rooms',
          synopsis: 'Rooms.',
          peopleNames: credited.name,
          credits: [{ personId: credited.id, role: 'cast' }],
        },
        { title: 'Zephyrine Draft', status: 'draft' },
      ]);
    });

    it('finds words in titles and synopses, ranked by relevance, published only', async () => {
      const found = await allPages<Item>(app, '/movies?q=zephyrine%20lighthouse&limit=1');
      expect(found.map((m) => m.id)).toEqual([matches[0]?.id, matches[1]?.id]);
    });

    it("finds a movie by a credited person's name", async () => {
      const found = await allPages<Item>(app, '/movies?q=Marchetti');
      expect(found.map((m) => m.id)).toEqual([matches[2]?.id]);
    });

    it('treats operators as plain text and answers an empty page for stopwords or symbols only', async () => {
      const operators = await allPages<Item>(app, `/movies?q=${encodeURIComponent('-zephyrine*')}`);
      expect(operators).toHaveLength(2);
      for (const q of ['the of a', '+-*"()~<>@'.repeat(20), '   ']) {
        const res = await app.inject({ url: `/movies?q=${encodeURIComponent(q)}` });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ items: [], nextCursor: null });
      }
    });

    it('refuses 1 KB of words and 200 terms with 400 VALIDATION_FAILED on q', async () => {
      const kilobyte = 'zephyrine lighthouse harbour '.repeat(40).slice(0, 1024);
      const terms200 = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
      for (const q of [kilobyte, terms200]) {
        const res = await app.inject({ url: `/movies?q=${encodeURIComponent(q)}` });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const body = res.json<{ code: string; errors: { field: string }[] }>();
        expect(body.code).toBe('VALIDATION_FAILED');
        expect(body.errors.map((e) => e.field).join(' ')).toMatch(/\bq\b/);
      }
    });

    it('searches with the first 12 distinct usable terms of q and ignores the rest', async () => {
      const fillers = Array.from({ length: 12 }, (_, i) => `nomatch${i + 10}`);
      const late = await app.inject({
        url: `/movies?q=${encodeURIComponent([...fillers, 'zephyrine'].join(' '))}`,
      });
      expect(late.json()).toEqual({ items: [], nextCursor: null });
      // Repeats, stopwords and short words do not use up the 12.
      const early = ['the', 'of', 'zz', 'nomatch10', 'nomatch10', ...fillers.slice(1, 11)];
      const found = await allPages<Item>(
        app,
        `/movies?q=${encodeURIComponent([...early, 'zephyrine'].join(' '))}`,
      );
      expect(found.map((m) => m.id)).toEqual([matches[0]?.id, matches[1]?.id]);
    });

    it('binds a search cursor to its words', async () => {
      const first = await app.inject({ url: '/movies?q=zephyrine&limit=1' });
      const cursor = first.json<{ nextCursor: string }>().nextCursor;
      const res = await app.inject({
        url: `/movies?q=harbour&limit=1&cursor=${encodeURIComponent(cursor)}`,
      });
      expect(res.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    });
  });

  describe('GET /movies/:idOrSlug', () => {
    it('answers a movie by slug or id, with ordered credits and its version as ETag', async () => {
      const writer = await insertPerson(db, 'Writer Person');
      const cast2 = await insertPerson(db, 'Cast Second');
      const cast1 = await insertPerson(db, 'Cast First');
      const [movie] = await insertMovies(db, [
        {
          title: 'Credited',
          genreIds: [drama.id, comedy.id],
          languages: ['fa', 'en'],
          credits: [
            { personId: cast2.id, role: 'cast', position: 2 },
            { personId: writer.id, role: 'writer' },
            { personId: cast1.id, role: 'cast', position: 1 },
            { personId: director.id, role: 'director' },
          ],
        },
      ]);
      if (!movie) throw new Error('no movie');
      const bySlug = await app.inject({ url: `/movies/${movie.slug}` });
      expect(bySlug.statusCode).toBe(200);
      expect(bySlug.headers.etag).toEqual(expect.any(String));
      const body = bySlug.json();
      expect(body.credits.map((c: { name: string }) => c.name)).toEqual([
        director.name,
        'Writer Person',
        'Cast First',
        'Cast Second',
      ]);
      expect(body.genres.map((g: { slug: string }) => g.slug)).toEqual(['comedy', 'drama']);
      expect(body.languages).toEqual(['en', 'fa']);
      expect(body).toMatchObject({ ratingAverage: null, ratingCount: 0, version: 1 });
      expect(body.streamKey).toBeUndefined();
      const byId = await app.inject({ url: `/movies/${movie.id}` });
      expect(byId.json()).toEqual(body);
      const asEditor = await app.inject({ url: `/movies/${movie.id}`, headers: editor });
      expect(asEditor.json().streamKey).toBe(`streams/${movie.id}`);
      // Editors get the version validator that If-Match takes.
      expect(asEditor.headers.etag).toBe('"v1"');
    });

    it('hides a draft behind 404 from the public and shows it to editors', async () => {
      const draft = drafts[0];
      if (!draft) throw new Error('no draft');
      const res = await app.inject({ url: `/movies/${draft.slug}` });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'MOVIE_NOT_FOUND' });
      const asUser = await app.inject({
        url: `/movies/${draft.id}`,
        headers: await authAs('user'),
      });
      expect(asUser.statusCode).toBe(404);
      const asEditor = await app.inject({ url: `/movies/${draft.id}`, headers: editor });
      expect(asEditor.statusCode).toBe(200);
    });

    it('redirects an old slug to the current one with 301', async () => {
      const movie = published[0];
      if (!movie) throw new Error('no movie');
      await db.movieSlug.create({ data: { slug: 'an-older-name-1999', movieId: movie.id } });
      const res = await app.inject({ url: '/movies/an-older-name-1999' });
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(movie.slug);
    });

    it('answers 404 for an unknown slug or id and 414 for an over-long one', async () => {
      expect((await app.inject({ url: '/movies/nothing-here' })).statusCode).toBe(404);
      expect(
        (await app.inject({ url: '/movies/00000000-0000-4000-8000-000000000000' })).statusCode,
      ).toBe(404);
      expect((await app.inject({ url: `/movies/${'x'.repeat(101)}` })).statusCode).toBe(414);
    });
  });
});

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Descending with nulls last, as the rating sort orders. */
const nullsLast = (a: number | null, b: number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a;
