import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startCatalog } from '../../test/helper.js';
import { authAs, insertGenre, insertPerson } from '../../test/catalog-fixtures.js';

describe('editing movies', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  let db: Database;
  let editor: Record<string, string>;
  let genre: { id: string };
  let actor: { id: string; name: string };
  let director: { id: string; name: string };

  const outboxOf = (movieId: string) =>
    db.outboxEvent.findMany({ where: { subject: movieId }, orderBy: { id: 'asc' } });

  const create = async (body: Record<string, unknown> = {}) => {
    const res = await app.inject({
      method: 'POST',
      url: '/movies',
      headers: editor,
      payload: {
        title: 'The Long Quiet',
        synopsis: 'Two keepers of a lighthouse stop talking.',
        year: 2024,
        streamKey: 'streams/long-quiet',
        genreIds: [genre.id],
        languages: ['en', 'fa'],
        credits: [
          { personId: director.id, role: 'director' },
          { personId: actor.id, role: 'cast', character: 'Keeper' },
        ],
        ...body,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; slug: string; version: number; status: string }>();
  };

  beforeAll(async () => {
    svc = await startCatalog();
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
    editor = await authAs('editor');
    genre = await insertGenre(db, 'Mystery');
    actor = await insertPerson(db, 'Ilse Brandvold');
    director = await insertPerson(db, 'Tomasz Wierzbicki');
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  it('refuses every editing route without a token (401) and to a plain user (403)', async () => {
    const id = randomUUID();
    const routes = [
      { method: 'POST' as const, url: '/movies', payload: {} },
      { method: 'PATCH' as const, url: `/movies/${id}`, payload: { title: 'x' } },
      { method: 'POST' as const, url: `/movies/${id}/publish` },
      { method: 'POST' as const, url: `/movies/${id}/unpublish` },
      { method: 'DELETE' as const, url: `/movies/${id}` },
      { method: 'POST' as const, url: '/genres', payload: { name: 'x' } },
      { method: 'PATCH' as const, url: `/genres/${id}`, payload: { name: 'x' } },
      { method: 'DELETE' as const, url: `/genres/${id}` },
      { method: 'GET' as const, url: '/people' },
      { method: 'POST' as const, url: '/people', payload: { name: 'x' } },
      { method: 'PATCH' as const, url: `/people/${id}`, payload: { name: 'x' } },
      { method: 'DELETE' as const, url: `/people/${id}` },
    ];
    const user = await authAs('user');
    for (const route of routes) {
      const anonymous = await app.inject(route);
      expect(anonymous.statusCode, `${route.method} ${route.url}`).toBe(401);
      const asUser = await app.inject({ ...route, headers: user });
      expect(asUser.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(asUser.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('creates a draft with a slug from title and year, its credits searchable', async () => {
    const movie = await create();
    expect(movie).toMatchObject({ slug: 'the-long-quiet-2024', status: 'draft', version: 1 });
    const row = await db.movie.findUniqueOrThrow({ where: { id: movie.id } });
    expect(row.peopleNames.split(' ').sort()).toEqual(
      `${director.name} ${actor.name}`.split(' ').sort(),
    );
    const again = await create();
    expect(again.slug).toBe('the-long-quiet-2024-2');
    expect(await outboxOf(movie.id)).toEqual([]);
  });

  it('gives concurrent creates of one title and year distinct slugs', async () => {
    const movies = await Promise.all(
      Array.from({ length: 4 }, () => create({ title: 'Same Time', credits: [] })),
    );
    expect(movies.map((m) => m.slug).sort()).toEqual([
      'same-time-2024',
      'same-time-2024-2',
      'same-time-2024-3',
      'same-time-2024-4',
    ]);
  });

  it.each([
    ['an unknown field', { colour: 'red' }, 400, undefined],
    ['a missing title', { title: undefined }, 400, undefined],
    ['an unknown genre', { genreIds: [randomUUID()] }, 400, 'UNKNOWN_GENRE'],
    [
      'an unknown person',
      { credits: [{ personId: randomUUID(), role: 'cast' }] },
      400,
      'UNKNOWN_PERSON',
    ],
    [
      'a person twice in one role',
      {
        credits: [
          { personId: randomUUID(), role: 'writer' },
          { personId: randomUUID(), role: 'writer' },
        ].map((c, _, all) => ({ ...c, personId: all[0]?.personId })),
      },
      400,
      'INVALID_CREDIT',
    ],
    [
      'a character on a director',
      { credits: [{ personId: randomUUID(), role: 'director', character: 'x' }] },
      400,
      'INVALID_CREDIT',
    ],
    ['a year out of range', { year: 1500 }, 400, undefined],
    ['a stream key climbing out of its folder', { streamKey: 'a/../b.mp4' }, 400, undefined],
    ['a stream key with an empty segment', { streamKey: 'a//b.mp4' }, 400, undefined],
    ['a stream key with a trailing slash', { streamKey: 'b/' }, 400, undefined],
    [
      'too many languages',
      { languages: Array.from({ length: 21 }, (_, i) => `l${String.fromCharCode(97 + i)}`) },
      400,
      undefined,
    ],
  ])('refuses a movie with %s', async (_, body, status, code) => {
    const res = await app.inject({
      method: 'POST',
      url: '/movies',
      headers: editor,
      payload: {
        title: 'Bad',
        synopsis: 's',
        year: 2020,
        streamKey: 'k',
        ...body,
      },
    });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (code) expect(res.json()).toMatchObject({ code });
  });

  it('requires If-Match on PATCH: 428 without, 412 when stale, 200 with the version moved on', async () => {
    const movie = await create({ title: 'Versioned' });
    const url = `/movies/${movie.id}`;
    const missing = await app.inject({
      method: 'PATCH',
      url,
      headers: editor,
      payload: { premium: true },
    });
    expect(missing.statusCode).toBe(428);
    expect(missing.json()).toMatchObject({ code: 'PRECONDITION_REQUIRED' });

    const ok = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...editor, 'if-match': '"v1"' },
      payload: { premium: true, runtimeMinutes: 95 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"v2"');
    expect(ok.json()).toMatchObject({ premium: true, runtimeMinutes: 95, version: 2 });

    const stale = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...editor, 'if-match': '"v1"' },
      payload: { premium: false },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'VERSION_MISMATCH', currentEtag: '"v2"' });
    expect((await db.movie.findUniqueOrThrow({ where: { id: movie.id } })).premium).toBe(true);

    const unknownField = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...editor, 'if-match': '"v2"' },
      payload: { status: 'published' },
    });
    expect(unknownField.statusCode).toBe(400);
  });

  it('lets exactly one of two concurrent PATCHes with the same If-Match win', async () => {
    const movie = await create({ title: 'Raced' });
    const patch = (runtimeMinutes: number) =>
      app.inject({
        method: 'PATCH',
        url: `/movies/${movie.id}`,
        headers: { ...editor, 'if-match': '"v1"' },
        payload: { runtimeMinutes },
      });
    const results = await Promise.all([patch(90), patch(120)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    expect((await db.movie.findUniqueOrThrow({ where: { id: movie.id } })).version).toBe(2);
  });

  it('gives a retitled movie a new slug and redirects the old one once published', async () => {
    const movie = await create({ title: 'First Name' });
    await app.inject({ method: 'POST', url: `/movies/${movie.id}/publish`, headers: editor });
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/movies/${movie.id}`,
      headers: { ...editor, 'if-match': '"v2"' },
      payload: { title: 'Second Name' },
    });
    expect(renamed.json()).toMatchObject({ slug: 'second-name-2024', version: 3 });
    const old = await app.inject({ url: '/movies/first-name-2024' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('second-name-2024');
    // A change that keeps the slug's title and year keeps the slug.
    const same = await app.inject({
      method: 'PATCH',
      url: `/movies/${movie.id}`,
      headers: { ...editor, 'if-match': '"v3"' },
      payload: { title: 'SECOND NAME' },
    });
    expect(same.json()).toMatchObject({ slug: 'second-name-2024' });
    // A new movie cannot take the old slug.
    expect((await create({ title: 'First Name' })).slug).toBe('first-name-2024-2');
  });

  it('publishes and unpublishes through the outbox, in the transaction of the change', async () => {
    const movie = await create({ title: 'Evented', premium: true });
    const published = await app.inject({
      method: 'POST',
      url: `/movies/${movie.id}/publish`,
      headers: { ...editor, 'if-match': '"v1"' },
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', version: 2 });
    expect((await app.inject({ url: `/movies/${movie.slug}` })).statusCode).toBe(200);

    // Publishing again changes nothing and says nothing.
    await app.inject({ method: 'POST', url: `/movies/${movie.id}/publish`, headers: editor });
    const unpublished = await app.inject({
      method: 'POST',
      url: `/movies/${movie.id}/unpublish`,
      headers: editor,
    });
    expect(unpublished.json()).toMatchObject({ status: 'unpublished', version: 3 });
    expect((await app.inject({ url: `/movies/${movie.slug}` })).statusCode).toBe(404);

    const events = (await outboxOf(movie.id)).map((e) => JSON.parse(e.envelope));
    expect(events.map((e) => e.type)).toEqual([
      'catalog.movie.published.v1',
      'catalog.movie.unpublished.v1',
    ]);
    expect(events[0].data).toMatchObject({
      movieId: movie.id,
      slug: 'evented-2024',
      genreIds: [genre.id],
      tier: 'premium',
    });
    expect([...events[0].data.peopleIds].sort()).toEqual([actor.id, director.id].sort());
    expect(events[1].data).toMatchObject({ movieId: movie.id });
  });

  it('answers 409 REFERENCE_GONE when a credited person vanishes during the write', async () => {
    // Stands in for a concurrent delete: the credit insert fails the foreign key check.
    await db.$executeRawUnsafe(`CREATE TRIGGER credits_fk_fails BEFORE INSERT ON credits FOR EACH ROW
      SIGNAL SQLSTATE '23000' SET MYSQL_ERRNO = 1452,
        MESSAGE_TEXT = 'Cannot add or update a child row: a foreign key constraint fails'`);
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/movies',
        headers: editor,
        payload: {
          title: 'Vanishing',
          synopsis: 's',
          year: 2024,
          streamKey: 'k',
          credits: [{ personId: actor.id, role: 'cast' }],
        },
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'REFERENCE_GONE' });
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER credits_fk_fails');
    }
    expect(await db.movie.count({ where: { title: 'Vanishing' } })).toBe(0);
  });

  it('leaves the movie a draft when the event cannot be written (one transaction)', async () => {
    const movie = await create({ title: 'Rolled Back' });
    await db.$executeRawUnsafe(`CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'outbox refuses'`);
    try {
      const res = await app.inject({
        method: 'POST',
        url: `/movies/${movie.id}/publish`,
        headers: editor,
      });
      expect(res.statusCode).toBe(500);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER outbox_refuses');
    }
    const row = await db.movie.findUniqueOrThrow({ where: { id: movie.id } });
    expect(row).toMatchObject({ status: 'draft', version: 1, publishedAt: null });
  });

  it('refuses to unpublish a draft and a stale publish', async () => {
    const movie = await create({ title: 'Still Draft' });
    const unpublish = await app.inject({
      method: 'POST',
      url: `/movies/${movie.id}/unpublish`,
      headers: editor,
    });
    expect(unpublish.statusCode).toBe(409);
    const stale = await app.inject({
      method: 'POST',
      url: `/movies/${movie.id}/publish`,
      headers: { ...editor, 'if-match': '"v7"' },
    });
    expect(stale.statusCode).toBe(412);
    expect(await outboxOf(movie.id)).toEqual([]);
  });

  it('deletes a movie; a published one is withdrawn with an event, a draft silently', async () => {
    const draft = await create({ title: 'Deleted Draft' });
    const live = await create({ title: 'Deleted Live' });
    await app.inject({ method: 'POST', url: `/movies/${live.id}/publish`, headers: editor });
    for (const movie of [draft, live]) {
      const res = await app.inject({
        method: 'DELETE',
        url: `/movies/${movie.id}`,
        headers: editor,
      });
      expect(res.statusCode).toBe(204);
      expect(await db.movie.findUnique({ where: { id: movie.id } })).toBeNull();
    }
    expect(await outboxOf(draft.id)).toEqual([]);
    expect((await outboxOf(live.id)).map((e) => e.type)).toEqual([
      'catalog.movie.published.v1',
      'catalog.movie.unpublished.v1',
    ]);
    const again = await app.inject({
      method: 'DELETE',
      url: `/movies/${live.id}`,
      headers: editor,
    });
    expect(again.statusCode).toBe(404);
  });

  it('keeps people_names in step with credits: a PATCH of credits is searchable at once', async () => {
    const newcomer = await insertPerson(db, 'Xanthippe Oyelaran');
    const movie = await create({ title: 'Recast' });
    await app.inject({ method: 'POST', url: `/movies/${movie.id}/publish`, headers: editor });
    const res = await app.inject({
      method: 'PATCH',
      url: `/movies/${movie.id}`,
      headers: { ...editor, 'if-match': '"v2"' },
      payload: { credits: [{ personId: newcomer.id, role: 'cast' }] },
    });
    expect(res.statusCode).toBe(200);
    const found = await app.inject({ url: '/movies?q=Oyelaran' });
    expect(found.json().items.map((m: { id: string }) => m.id)).toEqual([movie.id]);
    const gone = await app.inject({ url: '/movies?q=Wierzbicki' });
    expect(gone.json().items.map((m: { id: string }) => m.id)).not.toContain(movie.id);
  });
});
