import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startCatalog } from '../../test/helper.js';
import { allPages, authAs, insertMovies } from '../../test/catalog-fixtures.js';

describe('people', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  let db: Database;
  let editor: Record<string, string>;

  const createPerson = async (payload: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/people', headers: editor, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; name: string; version: number }>();
  };

  beforeAll(async () => {
    svc = await startCatalog();
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
    editor = await authAs('editor');
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  it('shows a person with the published part of their filmography; editors see all', async () => {
    const person = await createPerson({ name: 'Mirela Quast', birthYear: 1971, bio: 'Director.' });
    const [older, newer, draft] = await insertMovies(db, [
      { title: 'Older', year: 1999, credits: [{ personId: person.id, role: 'director' }] },
      { title: 'Newer', year: 2010, credits: [{ personId: person.id, role: 'writer' }] },
      {
        title: 'Secret',
        year: 2030,
        status: 'draft',
        credits: [{ personId: person.id, role: 'cast' }],
      },
    ]);
    const res = await app.inject({ url: `/people/${person.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"v1"');
    expect(res.json()).toMatchObject({ name: 'Mirela Quast', birthYear: 1971, bio: 'Director.' });
    expect(res.json().filmography.map((f: { movieId: string }) => f.movieId)).toEqual([
      newer?.id,
      older?.id,
    ]);
    const asEditor = await app.inject({ url: `/people/${person.id}`, headers: editor });
    expect(asEditor.json().filmography.map((f: { movieId: string }) => f.movieId)).toEqual([
      draft?.id,
      newer?.id,
      older?.id,
    ]);
    expect(
      (await app.inject({ url: '/people/00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(404);
  });

  it('finds people by name prefix for editors, a page at a time', async () => {
    for (const name of [
      'Anouk Ekdahl',
      'Anouk Brandt',
      'Anouk Ceylan',
      'Bertil Anouk',
      '50% Anouk',
    ]) {
      await createPerson({ name });
    }
    const found = await allPages<{ name: string }>(app, '/people?q=Anouk&limit=2', editor);
    expect(found.map((p) => p.name)).toEqual(['Anouk Brandt', 'Anouk Ceylan', 'Anouk Ekdahl']);
    const wildcard = await allPages<{ name: string }>(
      app,
      `/people?q=${encodeURIComponent('5%')}`,
      editor,
    );
    expect(wildcard.map((p) => p.name)).toEqual(['50% Anouk']);
    const first = await app.inject({ url: '/people?q=Anouk&limit=2', headers: editor });
    const cursor = first.json<{ nextCursor: string }>().nextCursor;
    const foreign = await app.inject({
      url: `/people?q=Bertil&cursor=${encodeURIComponent(cursor)}`,
      headers: editor,
    });
    expect(foreign.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    expect((await app.inject({ url: '/people?limit=101', headers: editor })).statusCode).toBe(400);
  });

  it('renames with If-Match, and the movie is found under the new name at once', async () => {
    const person = await createPerson({ name: 'Oldname Vasquez' });
    const [movie] = await insertMovies(db, [
      {
        title: 'Named',
        peopleNames: 'Oldname Vasquez',
        credits: [{ personId: person.id, role: 'cast' }],
      },
    ]);
    const url = `/people/${person.id}`;
    const missing = await app.inject({
      method: 'PATCH',
      url,
      headers: editor,
      payload: { name: 'x' },
    });
    expect(missing.statusCode).toBe(428);
    const ok = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...editor, 'if-match': '"v1"' },
      payload: { name: 'Newname Okonkwo' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Newname Okonkwo', version: 2 });
    const search = await app.inject({ url: '/movies?q=Okonkwo' });
    expect(search.json().items.map((m: { id: string }) => m.id)).toEqual([movie?.id]);
    expect((await app.inject({ url: '/movies?q=Oldname' })).json().items).toEqual([]);
    const stale = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...editor, 'if-match': '"v1"' },
      payload: { bio: 'late' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('refuses to delete a credited person (409) and deletes an uncredited one', async () => {
    const credited = await createPerson({ name: 'Credited Person' });
    await insertMovies(db, [
      { status: 'draft', credits: [{ personId: credited.id, role: 'cast' }] },
    ]);
    const inUse = await app.inject({
      method: 'DELETE',
      url: `/people/${credited.id}`,
      headers: editor,
    });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'PERSON_IN_USE', credits: 1 });
    const free = await createPerson({ name: 'Free Person' });
    const gone = await app.inject({
      method: 'DELETE',
      url: `/people/${free.id}`,
      headers: { ...editor, 'if-match': '"v1"' },
    });
    expect(gone.statusCode).toBe(204);
    expect((await app.inject({ url: `/people/${free.id}` })).statusCode).toBe(404);
  });

  it('refuses bad bodies with 400', async () => {
    for (const payload of [
      {},
      { name: '' },
      { name: 'x', role: 'y' },
      { name: 'x', birthYear: 3000 },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/people', headers: editor, payload });
      expect(res.statusCode).toBe(400);
    }
  });
});
