import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getInfra, TcpProxy } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { createDatabase, type Database } from '../src/db.js';
import { authAs, insertGenre, insertMovies } from './catalog-fixtures.js';
import { eventPublisher, type EventPublisher } from './events.js';
import { startCatalog } from './helper.js';

const BODY_HASH_ETAG = /^"[A-Za-z0-9_-]{22}"$/;
const PUBLIC = /^public, max-age=\d+, stale-while-revalidate=\d+$/;

// The read-through cache seen from HTTP: the app reaches MariaDB and Redis through proxies the
// tests cut, to show what is answered without either.
describe('cached public reads', () => {
  let databaseProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let svc: Awaited<ReturnType<typeof startCatalog>>;
  let app: KavoshApp;
  let db: Database;
  let events: EventPublisher;
  let editor: Record<string, string>;

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });
  const cacheResults = async () => {
    const text = (await get('/metrics')).body;
    const count = (result: string) =>
      Number(
        new RegExp(`^catalog_cache_requests_total\\{result="${result}"\\} (\\d+)`, 'm').exec(
          text,
        )?.[1] ?? 0,
      );
    return { hit: count('hit'), miss: count('miss'), bypass: count('bypass') };
  };

  beforeAll(async () => {
    const infra = await getInfra();
    databaseProxy = await TcpProxy.start({ target: infra.mysqlAdminUrl });
    redisProxy = await TcpProxy.start({ target: infra.redisUrl });
    svc = await startCatalog({
      rewriteDatabaseUrl: (url) => databaseProxy.rewrite(url),
      rewriteRedisUrl: (url) => redisProxy.rewrite(url),
    });
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
    events = await eventPublisher(svc);
    editor = await authAs('editor');
  });
  afterAll(async () => {
    await events?.close();
    await db?.$disconnect();
    await svc?.close();
    await databaseProxy?.close();
    await redisProxy?.close();
  });

  it('answers a list and a movie with a body-hash ETag, public Cache-Control and Vary', async () => {
    const [movie] = await insertMovies(db, [{ title: 'Headers' }]);
    for (const url of ['/movies?limit=5', `/movies/${movie?.slug}`, '/genres']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers.etag, url).toMatch(BODY_HASH_ETAG);
      expect(res.headers['cache-control'], url).toMatch(PUBLIC);
      expect(res.headers.vary, url).toBe('Authorization');
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      const again = await get(url);
      expect(again.body, url).toBe(res.body);
      expect(again.headers.etag, url).toBe(res.headers.etag);
    }
  });

  it('answers 304 for the current ETag, and 200 from Redis, while MariaDB is cut off', async () => {
    const [movie] = await insertMovies(db, [{ title: 'Revalidated' }]);
    const url = `/movies/${movie?.id}`;
    const first = await get(url);
    const etag = String(first.headers.etag);

    databaseProxy.cut();
    try {
      const revalidated = await get(url, { 'if-none-match': etag });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.body).toBe('');
      expect(revalidated.headers.etag).toBe(etag);
      expect(revalidated.headers['cache-control']).toMatch(PUBLIC);
      const fromRedis = await get(url, { 'if-none-match': '"something-else"' });
      expect(fromRedis.statusCode).toBe(200);
      expect(fromRedis.body).toBe(first.body);
    } finally {
      databaseProxy.restore();
    }
  });

  it('shows an editor’s change on the very next public read, detail and list', async () => {
    const [movie] = await insertMovies(db, [{ title: 'Before the edit' }]);
    const detailUrl = `/movies/${movie?.id}`;
    const listUrl = '/movies?limit=100&sort=title';
    await get(detailUrl);
    await get(detailUrl); // now served from Redis
    expect((await get(listUrl)).body).toContain('Before the edit');

    const editorView = await get(detailUrl, editor);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/movies/${movie?.id}`,
      headers: { ...editor, 'if-match': String(editorView.headers.etag) },
      payload: { title: 'After the edit' },
    });
    expect(patched.statusCode).toBe(200);

    expect((await get(detailUrl)).json()).toMatchObject({ title: 'After the edit' });
    const list = (await get(listUrl)).body;
    expect(list).toContain('After the edit');
    expect(list).not.toContain('Before the edit');
  });

  it('shows a published draft in the next public list, and hides it again when unpublished', async () => {
    const [draft] = await insertMovies(db, [{ title: 'Soon public', status: 'draft' }]);
    const listUrl = '/movies?limit=100&sort=title';
    expect((await get(listUrl)).body).not.toContain('Soon public');
    expect((await get(`/movies/${draft?.id}`)).statusCode).toBe(404);

    const published = await app.inject({
      method: 'POST',
      url: `/movies/${draft?.id}/publish`,
      headers: editor,
    });
    expect(published.statusCode).toBe(200);
    expect((await get(listUrl)).body).toContain('Soon public');
    expect((await get(`/movies/${draft?.id}`)).statusCode).toBe(200);

    const unpublished = await app.inject({
      method: 'POST',
      url: `/movies/${draft?.id}/unpublish`,
      headers: editor,
    });
    expect(unpublished.statusCode).toBe(200);
    expect((await get(listUrl)).body).not.toContain('Soon public');
    expect((await get(`/movies/${draft?.id}`)).statusCode).toBe(404);
  });

  it('renames a genre in the genre list and in the movies that carry it', async () => {
    const genre = await insertGenre(db, `Noir ${Date.now()}`);
    const [movie] = await insertMovies(db, [{ title: 'Genre carrier', genreIds: [genre.id] }]);
    await get('/genres');
    await get(`/movies/${movie?.id}`);

    const renamed = await app.inject({
      method: 'PATCH',
      url: `/genres/${genre.id}`,
      headers: { ...editor, 'if-match': `"v${genre.version}"` },
      payload: { name: 'Neo-noir' },
    });
    expect(renamed.statusCode).toBe(200);

    expect((await get('/genres')).body).toContain('Neo-noir');
    expect((await get(`/movies/${movie?.id}`)).json().genres).toEqual([
      expect.objectContaining({ id: genre.id, name: 'Neo-noir' }),
    ]);
  });

  it('drops a movie from the cache when social reports a new rating', async () => {
    const [movie] = await insertMovies(db, [{ title: 'Rated later' }]);
    const url = `/movies/${movie?.id}`;
    await get(url);
    expect((await get(url)).json()).toMatchObject({ ratingCount: 0 });

    const event = events.event('social.rating.changed.v1', String(movie?.id), {
      movieId: movie?.id,
      ratingCount: 1,
      ratingSum: 4,
      averageRating: 4,
      asOf: new Date().toISOString(),
    });
    await events.publish(event);
    await eventually(async () => {
      expect((await get(url)).json()).toMatchObject({ ratingCount: 1, ratingAverage: 4 });
    });
  });

  it('serves editors from MariaDB with private, no-store and the version ETag', async () => {
    const [draft] = await insertMovies(db, [{ title: 'Editors only', status: 'draft' }]);
    const detail = await get(`/movies/${draft?.id}`, editor);
    expect(detail.statusCode).toBe(200);
    expect(detail.headers['cache-control']).toBe('private, no-store');
    expect(detail.headers.etag).toMatch(/^"v\d+"$/);
    const list = await get('/movies?limit=100&sort=title', editor);
    expect(list.headers['cache-control']).toBe('private, no-store');
    expect(list.body).toContain('Editors only');
    expect((await get('/movies?limit=100&sort=title')).body).not.toContain('Editors only');
  });

  it('marks a signed-in reader’s copy private', async () => {
    const res = await get('/movies?limit=5', await authAs('user'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    expect(res.headers.etag).toMatch(BODY_HASH_ETAG);
  });

  it('keeps answering from MariaDB while Redis is cut off, and uses Redis again after', async () => {
    const [movie] = await insertMovies(db, [{ title: 'Through an outage' }]);
    const url = `/movies/${movie?.id}`;
    await get(url);
    const before = await cacheResults();

    redisProxy.cut();
    try {
      for (let i = 0; i < 3; i++) {
        const res = await get(url);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ title: 'Through an outage' });
        expect(res.headers.etag).toMatch(BODY_HASH_ETAG);
      }
      expect((await cacheResults()).bypass - before.bypass).toBe(3);
      // A write during the outage commits and answers; its cache bump is lost.
      const editorView = await get(url, editor);
      const patched = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...editor, 'if-match': String(editorView.headers.etag) },
        payload: { title: 'Edited during the outage' },
      });
      expect(patched.statusCode).toBe(200);
    } finally {
      redisProxy.restore();
    }

    await eventually(async () => {
      const res = await get(url);
      expect(res.json()).toMatchObject({ title: 'Edited during the outage' });
      const after = await cacheResults();
      expect(after.hit).toBeGreaterThan(before.hit);
    });
  });
});
