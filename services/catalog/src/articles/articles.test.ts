import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startCatalog } from '../../test/helper.js';
import { allPages, authAs, insertMovies } from '../../test/catalog-fixtures.js';
import { testTokens } from '@kavosh/auth-client/testing';
import { anonymizeAuthor } from './service.js';

interface ArticleJson {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
  bodyMarkdown: string;
  bodyHtml: string;
  authorName: string;
  tags: string[];
  movieIds: string[];
  status: string;
  publishedAt: string | null;
  version: number;
}

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe('articles', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  let db: Database;
  let editor: Record<string, string>;
  let editorId: string;
  let user: Record<string, string>;

  beforeAll(async () => {
    svc = await startCatalog();
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
    editorId = randomUUID();
    const token = await (await testTokens()).tokenFor({ userId: editorId, roles: ['editor'] });
    editor = { authorization: `Bearer ${token}` };
    user = await authAs('user');
  });
  afterAll(async () => {
    await db.$disconnect();
    await svc.close();
  });

  const create = (payload: Record<string, unknown>, headers = editor) =>
    app.inject({ method: 'POST', url: '/articles', headers, payload });

  const draft = async (overrides: Record<string, unknown> = {}): Promise<ArticleJson> => {
    const res = await create({
      title: 'A night at the cinema',
      bodyMarkdown: 'Some **text**.',
      authorName: 'Dana Editor',
      ...overrides,
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  const act = (id: string, action: 'publish' | 'unpublish', headers = editor) =>
    app.inject({ method: 'POST', url: `/articles/${id}/${action}`, headers });

  const published = async (overrides: Record<string, unknown> = {}, at?: Date) => {
    const article = await draft(overrides);
    expect((await act(article.id, 'publish')).statusCode).toBe(200);
    if (at) await db.article.update({ where: { id: article.id }, data: { publishedAt: at } });
    return article;
  };

  const patch = (id: string, payload: unknown, ifMatch?: string, headers = editor) =>
    app.inject({
      method: 'PATCH',
      url: `/articles/${id}`,
      headers: { ...headers, ...(ifMatch !== undefined ? { 'if-match': ifMatch } : {}) },
      payload: payload as Record<string, unknown>,
    });

  describe('POST /articles', () => {
    it('creates a draft with a slug from the title, rendered HTML, tags, movies and the author', async () => {
      const [movie] = await insertMovies(db, [{ title: 'Linked' }]);
      const res = await create({
        title: '  Écrans & Ombres: a Noir Retrospective ',
        summary: ' The best of noir. ',
        bodyMarkdown: '## Why noir\n\nBecause *shadows*.',
        authorName: ' Dana Editor ',
        tags: ['film-noir', 'retrospective'],
        movieIds: [movie?.id],
      });
      expect(res.statusCode).toBe(201);
      const body: ArticleJson = res.json();
      expect(body).toMatchObject({
        slug: 'ecrans-ombres-a-noir-retrospective',
        title: 'Écrans & Ombres: a Noir Retrospective',
        summary: 'The best of noir.',
        bodyMarkdown: '## Why noir\n\nBecause *shadows*.',
        bodyHtml: '<h2>Why noir</h2>\n<p>Because <em>shadows</em>.</p>\n',
        authorName: 'Dana Editor',
        tags: ['film-noir', 'retrospective'],
        movieIds: [movie?.id],
        status: 'draft',
        publishedAt: null,
        version: 1,
      });
      expect(res.headers.etag).toBe('"v1"');
      expect(res.headers.location).toBe(`/articles/${body.id}`);
      const row = await db.article.findUniqueOrThrow({ where: { id: body.id } });
      expect(row.authorId).toBe(editorId);
    });

    it('gives a second article with the same title the next free slug', async () => {
      const title = unique('Same Title');
      const first = await draft({ title });
      const second = await draft({ title });
      const slug = title.toLowerCase().replace(' ', '-');
      expect(first.slug).toBe(slug);
      expect(second.slug).toBe(`${slug}-2`);
    });

    it('gives concurrent articles with one title distinct slugs', async () => {
      const title = unique('Race');
      const results = await Promise.all(
        Array.from({ length: 4 }, () => create({ title, bodyMarkdown: 'x', authorName: 'Racer' })),
      );
      expect(results.map((res) => res.statusCode)).toEqual([201, 201, 201, 201]);
      const slug = title.toLowerCase();
      expect(results.map((res) => res.json().slug).sort()).toEqual(
        [slug, `${slug}-2`, `${slug}-3`, `${slug}-4`].sort(),
      );
    });

    it('keeps a slug from a long title short enough to be read back', async () => {
      const title = `${unique('Long')} ${'word '.repeat(50)}`;
      const article = await draft({ title });
      expect(article.slug.length).toBeLessThanOrEqual(90);
      const res = await app.inject({ url: `/articles/${article.slug}`, headers: editor });
      expect(res.statusCode).toBe(200);
    });

    it('sanitizes XSS payloads at write time and keeps the Markdown as written', async () => {
      const bodyMarkdown = [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '[click](javascript:alert(1))',
        '[data](data:text/html;base64,PHNjcmlwdD4=)',
        '![pixel](data:image/png;base64,iVBORw0KGgo=)',
        '[ok](https://example.com)',
      ].join('\n\n');
      const article = await draft({ bodyMarkdown });
      expect(article.bodyMarkdown).toBe(bodyMarkdown);
      const html = article.bodyHtml;
      expect(html).not.toMatch(/<script|<img|href="(javascript|data):/i);
      expect(html).not.toMatch(/<[^>]+\son\w+=/i);
      expect(html).toContain('&lt;script&gt;');
      expect(html).toContain('<a href="https://example.com" rel="noopener nofollow">ok</a>');
      const stored = await db.article.findUniqueOrThrow({ where: { id: article.id } });
      expect(stored.bodyHtml).toBe(html);
    });

    it('answers 400 UNKNOWN_MOVIE for a movie id that does not exist, and stores nothing', async () => {
      const title = unique('Orphan');
      const missing = randomUUID();
      const res = await create({ title, bodyMarkdown: 'x', authorName: 'A', movieIds: [missing] });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'UNKNOWN_MOVIE', movieIds: [missing] });
      expect(await db.article.count({ where: { title } })).toBe(0);
    });

    it.each([
      ['an unknown field', { authorId: randomUUID() }],
      ['eleven tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
      ['an upper-case tag', { tags: ['Noir'] }],
      ['a tag with spaces', { tags: ['film noir'] }],
      ['a repeated tag', { tags: ['noir', 'noir'] }],
      ['a title of spaces', { title: '   ' }],
      ['a Markdown body over 100,000 characters', { bodyMarkdown: 'a'.repeat(100_001) }],
      ['an author name over 100 characters', { authorName: 'n'.repeat(101) }],
      ['a malformed movie id', { movieIds: ['nope'] }],
      ['a missing author name', { authorName: undefined }],
    ])('answers 400 VALIDATION_FAILED for %s', async (_case, change) => {
      const res = await create({
        title: 'Valid',
        bodyMarkdown: 'Valid',
        authorName: 'Valid',
        ...change,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('refuses a user with 403 and an anonymous caller with 401', async () => {
      const payload = { title: 'No', bodyMarkdown: 'No', authorName: 'No' };
      expect((await create(payload, user)).statusCode).toBe(403);
      const anonymous = await create(payload, {});
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('GET /articles/:idOrSlug', () => {
    it('shows a draft to editors only; the public and users get 404', async () => {
      const article = await draft({ title: unique('Hidden') });
      for (const headers of [{}, user]) {
        for (const ref of [article.id, article.slug]) {
          const res = await app.inject({ url: `/articles/${ref}`, headers });
          expect(res.statusCode).toBe(404);
          expect(res.json()).toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
        }
      }
      const asEditor = await app.inject({ url: `/articles/${article.slug}`, headers: editor });
      expect(asEditor.statusCode).toBe(200);
      expect(asEditor.headers['cache-control']).toBe('private, no-store');
    });

    it('serves a published article by id and slug with its ETag, and 304 on If-None-Match', async () => {
      const article = await published({ title: unique('Public') });
      const bySlug = await app.inject({ url: `/articles/${article.slug}` });
      expect(bySlug.statusCode).toBe(200);
      expect(bySlug.json()).toMatchObject({ id: article.id, status: 'published' });
      expect(bySlug.headers.etag).toBe('"v2"');
      expect(bySlug.headers['cache-control']).toBe('public, no-cache');
      const byId = await app.inject({ url: `/articles/${article.id}` });
      expect(byId.json().slug).toBe(article.slug);
      const revalidated = await app.inject({
        url: `/articles/${article.slug}`,
        headers: { 'if-none-match': '"v2"' },
      });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.rawPayload.length).toBe(0);
      const stale = await app.inject({
        url: `/articles/${article.slug}`,
        headers: { 'if-none-match': '"v1"' },
      });
      expect(stale.statusCode).toBe(200);
    });

    it('lists only published linked movies to the public', async () => {
      const [live, hidden] = await insertMovies(db, [{}, { status: 'draft' }]);
      const article = await published({ movieIds: [live?.id, hidden?.id] });
      const publicView = await app.inject({ url: `/articles/${article.id}` });
      expect(publicView.json().movieIds).toEqual([live?.id]);
      const editorView = await app.inject({ url: `/articles/${article.id}`, headers: editor });
      expect(editorView.json().movieIds).toHaveLength(2);
    });

    it('answers 404 for an unknown slug and a 4xx problem for an over-long one', async () => {
      expect((await app.inject({ url: '/articles/no-such-article' })).statusCode).toBe(404);
      const long = await app.inject({ url: `/articles/${'a'.repeat(161)}` });
      expect(long.statusCode).toBe(414);
      expect(long.json()).toMatchObject({ code: 'URI_TOO_LONG' });
    });
  });

  describe('PATCH /articles/:id', () => {
    it('changes the given fields, re-renders the body and keeps the slug', async () => {
      const article = await draft({ title: unique('Before'), tags: ['old'] });
      const res = await patch(
        article.id,
        { title: 'After', bodyMarkdown: '[x](javascript:alert(1)) *new*', tags: ['new-tag'] },
        '"v1"',
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe('"v2"');
      expect(res.json()).toMatchObject({
        title: 'After',
        slug: article.slug,
        tags: ['new-tag'],
        bodyHtml: '<p>[x](javascript:alert(1)) <em>new</em></p>\n',
        authorName: article.authorName,
        version: 2,
      });
    });

    it('clears the summary with null and replaces the linked movies', async () => {
      const [a, b] = await insertMovies(db, [{}, {}]);
      const article = await draft({ summary: 'S', movieIds: [a?.id] });
      const res = await patch(article.id, { summary: null, movieIds: [b?.id] }, '"v1"');
      expect(res.json()).toMatchObject({ summary: null, movieIds: [b?.id] });
    });

    it('answers 428 without If-Match and 412 VERSION_MISMATCH with a stale one', async () => {
      const article = await draft();
      const missing = await patch(article.id, { title: 'X' });
      expect(missing.statusCode).toBe(428);
      expect(missing.json()).toMatchObject({ code: 'PRECONDITION_REQUIRED' });
      expect((await patch(article.id, { title: 'Y' }, '"v1"')).statusCode).toBe(200);
      const stale = await patch(article.id, { title: 'Z' }, '"v1"');
      expect(stale.statusCode).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'VERSION_MISMATCH' });
      const weak = await patch(article.id, { title: 'Z' }, 'W/"v2"');
      expect(weak.statusCode).toBe(412);
      const row = await db.article.findUniqueOrThrow({ where: { id: article.id } });
      expect(row).toMatchObject({ title: 'Y', version: 2 });
    });

    it('lets one of two concurrent writes with the same If-Match win; the other gets 412', async () => {
      const article = await draft();
      const results = await Promise.all([
        patch(article.id, { title: 'First', tags: ['a'] }, '"v1"'),
        patch(article.id, { title: 'Second', tags: ['b'] }, '"v1"'),
      ]);
      expect(results.map((res) => res.statusCode).sort()).toEqual([200, 412]);
      const winner = results.find((res) => res.statusCode === 200)?.json();
      const row = await db.article.findUniqueOrThrow({
        where: { id: article.id },
        include: { tags: true },
      });
      expect(row).toMatchObject({ title: winner.title, version: 2 });
      expect(row.tags.map((t) => t.tag)).toEqual(winner.tags);
    });

    it('answers 400 for an empty change or an unknown movie, 404 for an unknown article', async () => {
      const article = await draft();
      expect((await patch(article.id, {}, '"v1"')).statusCode).toBe(400);
      const unknownMovie = await patch(article.id, { movieIds: [randomUUID()] }, '"v1"');
      expect(unknownMovie.json()).toMatchObject({ code: 'UNKNOWN_MOVIE' });
      expect((await db.article.findUniqueOrThrow({ where: { id: article.id } })).version).toBe(1);
      const unknown = await patch(randomUUID(), { title: 'X' }, '"v1"');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
    });

    it('refuses a user with 403', async () => {
      const article = await draft();
      expect((await patch(article.id, { title: 'X' }, '"v1"', user)).statusCode).toBe(403);
    });
  });

  describe('publish, unpublish and DELETE', () => {
    it('publishes, withdraws and republishes, keeping the first publication date', async () => {
      const article = await draft({ title: unique('Cycle') });
      const first = await act(article.id, 'publish');
      expect(first.statusCode).toBe(200);
      const publishedAt: string = first.json().publishedAt;
      expect(publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect((await act(article.id, 'publish')).json()).toMatchObject({
        code: 'ARTICLE_STATE_CONFLICT',
      });

      const withdrawn = await act(article.id, 'unpublish');
      expect(withdrawn.json()).toMatchObject({ status: 'unpublished', version: 3 });
      expect((await app.inject({ url: `/articles/${article.slug}` })).statusCode).toBe(404);
      expect((await act(article.id, 'unpublish')).statusCode).toBe(409);

      const again = await act(article.id, 'publish');
      expect(again.json()).toMatchObject({ status: 'published', publishedAt, version: 4 });
    });

    it('checks If-Match when sent, and refuses users', async () => {
      const article = await draft();
      const stale = await app.inject({
        method: 'POST',
        url: `/articles/${article.id}/publish`,
        headers: { ...editor, 'if-match': '"v9"' },
      });
      expect(stale.statusCode).toBe(412);
      expect((await act(article.id, 'publish', user)).statusCode).toBe(403);
      expect((await act(article.id, 'publish', {})).statusCode).toBe(401);
    });

    it('deletes an article: 204, then 404; a stale If-Match keeps it', async () => {
      const article = await draft();
      const del = (headers: Record<string, string>) =>
        app.inject({ method: 'DELETE', url: `/articles/${article.id}`, headers });
      expect((await del({ ...editor, 'if-match': '"v7"' })).statusCode).toBe(412);
      expect((await del(user)).statusCode).toBe(403);
      expect((await del({ ...editor, 'if-match': '"v1"' })).statusCode).toBe(204);
      expect((await del(editor)).statusCode).toBe(404);
      expect(await db.articleTag.count({ where: { articleId: article.id } })).toBe(0);
    });
  });

  describe('GET /articles', () => {
    const base = Date.UTC(2026, 5, 1);

    it('lists published articles newest first, by tag and by movie, across cursor pages', async () => {
      const tag = unique('list').toLowerCase();
      const [movie] = await insertMovies(db, [{}]);
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        // Two share a publication time: the id breaks the tie.
        const at = new Date(base + Math.floor(i / 2) * 60_000);
        const article = await published({ tags: [tag], movieIds: i % 2 ? [movie?.id] : [] }, at);
        ids.push(article.id);
      }
      await draft({ tags: [tag] });

      const items = await allPages<ArticleJson>(app, `/articles?tag=${tag}&limit=2`);
      const expected = [...ids]
        .map((id, i) => ({ id, at: base + Math.floor(i / 2) * 60_000 }))
        .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
        .map((a) => a.id);
      expect(items.map((a) => a.id)).toEqual(expected);
      expect(items.every((a) => a.status === 'published')).toBe(true);
      expect(items[0]).not.toHaveProperty('bodyHtml');

      const byMovie = await allPages<ArticleJson>(app, `/articles?movie=${movie?.id}&limit=50`);
      expect(byMovie.map((a) => a.id).sort()).toEqual([ids[1], ids[3]].sort());
    });

    it('keeps pages stable while articles are published between them', async () => {
      const tag = unique('stable').toLowerCase();
      for (let i = 0; i < 4; i += 1) {
        await published({ tags: [tag] }, new Date(base - (i + 1) * 60_000));
      }
      const first = await app.inject({ url: `/articles?tag=${tag}&limit=2` });
      const newer = await published({ tags: [tag] }, new Date(base + 3_600_000));
      const second = await app.inject({
        url: `/articles?tag=${tag}&limit=2&cursor=${encodeURIComponent(first.json().nextCursor)}`,
      });
      const seen = [...first.json().items, ...second.json().items].map((a: ArticleJson) => a.id);
      expect(new Set(seen).size).toBe(4);
      expect(seen).not.toContain(newer.id);
      expect(second.json().nextCursor).toBeNull();
    });

    it('lists drafts to editors only', async () => {
      const tag = unique('drafts').toLowerCase();
      const article = await draft({ tags: [tag] });
      const asEditor = await app.inject({
        url: `/articles?status=draft&tag=${tag}`,
        headers: editor,
      });
      expect(asEditor.json().items.map((a: ArticleJson) => a.id)).toEqual([article.id]);
      expect(asEditor.headers['cache-control']).toBe('private, no-store');
      expect(asEditor.headers.vary).toBe('authorization');
      const asUser = await app.inject({ url: '/articles?status=draft', headers: user });
      expect(asUser.statusCode).toBe(403);
      expect((await app.inject({ url: '/articles?status=draft' })).statusCode).toBe(403);
    });

    it('answers 400 INVALID_CURSOR for a tampered or foreign cursor', async () => {
      const tag = unique('cursor').toLowerCase();
      await published({ tags: [tag] });
      await published({ tags: [tag] });
      const page = await app.inject({ url: `/articles?tag=${tag}&limit=1` });
      const cursor: string = page.json().nextCursor;
      const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'B' : 'A'}A`;
      for (const url of [
        `/articles?tag=${tag}&limit=1&cursor=${encodeURIComponent(tampered)}`,
        `/articles?tag=other&limit=1&cursor=${encodeURIComponent(cursor)}`,
        `/articles?cursor=not-a-cursor`,
      ]) {
        const res = await app.inject({ url });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'INVALID_CURSOR' });
      }
    });

    it('answers 400 for an unknown filter, a page over the cap or a bad tag', async () => {
      for (const query of ['genre=x', 'limit=51', 'limit=0', 'tag=Upper', 'movie=nope']) {
        const res = await app.inject({ url: `/articles?${query}` });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
    });
  });

  describe('GET /openapi.json', () => {
    it('documents every blog and poster route with its schemas', async () => {
      const doc = (await app.inject({ url: '/openapi.json' })).json();
      const paths: Record<
        string,
        Record<string, { tags?: string[]; responses: object }>
      > = doc.paths;
      const routes = [
        ['get', '/articles/'],
        ['post', '/articles/'],
        ['get', '/articles/{id}'],
        ['patch', '/articles/{id}'],
        ['delete', '/articles/{id}'],
        ['post', '/articles/{id}/publish'],
        ['post', '/articles/{id}/unpublish'],
        ['post', '/movies/{id}/poster'],
        ['get', '/posters/{file}'],
      ] as const;
      for (const [method, path] of routes) {
        const operation = paths[path]?.[method] ?? paths[path.replace(/\/$/, '')]?.[method];
        expect(operation, `${method} ${path}`).toBeDefined();
        expect(operation?.tags?.length).toBeGreaterThan(0);
      }
      const create = paths['/articles/']?.post ?? paths['/articles']?.post;
      expect(JSON.stringify(create)).toContain('bodyMarkdown');
      const upload = JSON.stringify(paths['/movies/{id}/poster']?.post);
      expect(upload).toContain('multipart/form-data');
      expect(upload).toContain('"format":"binary"');
    });
  });

  describe('anonymizeAuthor', () => {
    it("erases the author's id, sets the byline to Former contributor and bumps the version", async () => {
      const authorId = randomUUID();
      const token = await (await testTokens()).tokenFor({ userId: authorId, roles: ['editor'] });
      const mine = await draft();
      const theirsRes = await create(
        { title: 'Theirs', bodyMarkdown: 'x', authorName: 'Leaving Editor' },
        { authorization: `Bearer ${token}` },
      );
      const theirs: ArticleJson = theirsRes.json();
      const count = await db.$transaction((tx) => anonymizeAuthor(tx, authorId));
      expect(count).toBe(1);
      expect(await db.article.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
        authorId: null,
        authorName: 'Former contributor',
        version: 2,
      });
      expect(await db.article.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({
        authorId: editorId,
        version: 1,
      });
      expect(await db.$transaction((tx) => anonymizeAuthor(tx, authorId))).toBe(0);
    });
  });
});
