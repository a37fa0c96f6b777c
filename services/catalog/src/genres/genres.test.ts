import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startCatalog } from '../../test/helper.js';
import { authAs, insertMovies } from '../../test/catalog-fixtures.js';

describe('genres', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  let db: Database;
  let editor: Record<string, string>;

  const createGenre = async (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/genres', headers: editor, payload });

  beforeAll(async () => {
    svc = await startCatalog();
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
    editor = await authAs('admin');
  });
  afterAll(async () => {
    await db?.$disconnect();
    await svc?.close();
  });

  it('creates genres with a derived slug and lists them by name for anyone', async () => {
    const sf = await createGenre({ name: 'Science Fiction' });
    expect(sf.statusCode).toBe(201);
    expect(sf.headers.etag).toBe('"v1"');
    expect(sf.json()).toMatchObject({ slug: 'science-fiction', name: 'Science Fiction' });
    await createGenre({ name: 'Animation', slug: 'animated' });
    const list = await app.inject({ url: '/genres' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((g: { slug: string }) => g.slug)).toEqual([
      'animated',
      'science-fiction',
    ]);
    const one = await app.inject({ url: `/genres/${sf.json().id}` });
    expect(one.json()).toEqual(sf.json());
  });

  it('refuses a duplicate name or slug with 409 GENRE_TAKEN, and bad bodies with 400', async () => {
    await createGenre({ name: 'Western' });
    const dup = await createGenre({ name: 'western' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'GENRE_TAKEN' });
    for (const payload of [
      {},
      { name: '' },
      { name: 'x', colour: 1 },
      { name: 'x', slug: 'No Spaces' },
    ]) {
      expect((await createGenre(payload)).statusCode).toBe(400);
    }
  });

  it('renames with If-Match: 428 without, 412 stale, 200 with the next version', async () => {
    const genre = (await createGenre({ name: 'Noir' })).json<{ id: string }>();
    const url = `/genres/${genre.id}`;
    const payload = { name: 'Film Noir' };
    expect((await app.inject({ method: 'PATCH', url, headers: editor, payload })).statusCode).toBe(
      428,
    );
    const ok = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...editor, 'if-match': '"v1"' },
      payload,
    });
    expect(ok.json()).toMatchObject({ name: 'Film Noir', slug: 'noir', version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...editor, 'if-match': '"v1"' },
      payload: { name: 'Neo Noir' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'VERSION_MISMATCH' });
  });

  it('refuses to delete a genre a movie uses (409), deletes an unused one, 404 after', async () => {
    const used = (await createGenre({ name: 'Used' })).json<{ id: string }>();
    const unused = (await createGenre({ name: 'Unused' })).json<{ id: string }>();
    await insertMovies(db, [{ genreIds: [used.id], status: 'draft' }]);
    const inUse = await app.inject({
      method: 'DELETE',
      url: `/genres/${used.id}`,
      headers: editor,
    });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'GENRE_IN_USE', movies: 1 });
    const gone = await app.inject({
      method: 'DELETE',
      url: `/genres/${unused.id}`,
      headers: editor,
    });
    expect(gone.statusCode).toBe(204);
    expect((await app.inject({ url: `/genres/${unused.id}` })).statusCode).toBe(404);
    const again = await app.inject({
      method: 'DELETE',
      url: `/genres/${unused.id}`,
      headers: editor,
    });
    expect(again.json()).toMatchObject({ code: 'GENRE_NOT_FOUND' });
  });
});
