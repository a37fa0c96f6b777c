import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startCatalog } from '../../test/helper.js';
import { testTokens } from '@kavosh/auth-client/testing';
import { posterUrl } from './poster-url.js';
import { createPostersService } from './service.js';
import { createLocalDiskStorage } from '../infrastructure/storage/local-disk.js';

// Real 1×1 images (file-type sniffs their signatures and chunks).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const MAX_BYTES = 4096;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body, built by hand so each test controls every byte. */
function form(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----kavosh${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const head = [`--${boundary}`, `Content-Disposition: ${disposition}`];
    if (part.contentType) head.push(`Content-Type: ${part.contentType}`);
    chunks.push(Buffer.from(`${head.join('\r\n')}\r\n\r\n`), Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const posterForm = (data: Buffer, filename = 'poster.jpg', contentType = 'image/jpeg') =>
  form([{ name: 'poster', filename, contentType, data }]);

describe('posters', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  let db: Database;
  let dir: string;
  let editor: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kavosh-posters-'));
    svc = await startCatalog({ env: { POSTER_DIR: dir, POSTER_MAX_BYTES: String(MAX_BYTES) } });
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
    editor = await (await testTokens()).tokenFor({ roles: ['editor'] });
  });
  afterAll(async () => {
    await db.$disconnect();
    await svc.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function insertMovie(): Promise<string> {
    const id = randomUUID();
    await db.movie.create({
      data: {
        id,
        slug: `poster-test-${id}`,
        title: 'Poster test',
        synopsis: 'A movie that needs a poster.',
        year: 2001,
        streamKey: `streams/${id}`,
      },
    });
    return id;
  }

  const upload = (movieId: string, body: ReturnType<typeof form>, token: string | null = editor) =>
    app.inject({
      method: 'POST',
      url: `/movies/${movieId}/poster`,
      headers: { ...body.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: body.payload,
    });

  const movieRow = (id: string) =>
    db.movie.findUniqueOrThrow({
      where: { id },
      select: { posterHash: true, posterType: true, version: true },
    });

  describe('POST /movies/:id/poster', () => {
    it('stores a PNG by its SHA-256, points the movie at it and bumps its version', async () => {
      const id = await insertMovie();
      // The name and declared type say JPEG; the bytes decide.
      const res = await upload(id, posterForm(PNG, 'cover.jpg', 'image/jpeg'));
      expect(res.statusCode).toBe(200);
      const hash = sha256(PNG);
      expect(res.json()).toEqual({
        movieId: id,
        posterHash: hash,
        posterType: 'image/png',
        posterUrl: `/api/catalog/posters/${hash}.png`,
        version: 2,
      });
      expect(res.headers.etag).toBe('"v2"');
      expect(await movieRow(id)).toEqual({ posterHash: hash, posterType: 'image/png', version: 2 });
      expect(await readdir(dir)).toEqual(expect.arrayContaining([hash, `${hash}.meta.json`]));
      expect((await readdir(dir)).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    });

    it.each([
      ['JPEG', JPEG, 'image/jpeg', 'jpg'],
      ['WebP', WEBP, 'image/webp', 'webp'],
    ])('accepts a %s from an admin', async (_name, bytes, type, extension) => {
      const id = await insertMovie();
      const admin = await (await testTokens()).tokenFor({ roles: ['admin'] });
      const res = await upload(id, posterForm(bytes, 'x.bin', 'application/octet-stream'), admin);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        posterType: type,
        posterUrl: `/api/catalog/posters/${sha256(bytes)}.${extension}`,
      });
    });

    it('keeps the version when the same image is uploaded again', async () => {
      const id = await insertMovie();
      await upload(id, posterForm(WEBP));
      const again = await upload(id, posterForm(WEBP));
      expect(again.statusCode).toBe(200);
      expect(again.json().version).toBe(2);
      const other = await upload(id, posterForm(PNG));
      expect(other.json().version).toBe(3);
    });

    it('serializes concurrent uploads to one movie: each bumps the version once', async () => {
      const id = await insertMovie();
      const results = await Promise.all([
        upload(id, posterForm(PNG)),
        upload(id, posterForm(JPEG)),
        upload(id, posterForm(WEBP)),
      ]);
      expect(results.map((res) => res.statusCode)).toEqual([200, 200, 200]);
      expect(results.map((res) => res.json().version).sort()).toEqual([2, 3, 4]);
      const last = results.find((res) => res.json().version === 4)?.json();
      expect(await movieRow(id)).toEqual({
        posterHash: last.posterHash,
        posterType: last.posterType,
        version: 4,
      });
    });

    it('answers 415 UNSUPPORTED_MEDIA_TYPE for an HTML file renamed .jpg, and keeps the movie', async () => {
      const id = await insertMovie();
      const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
      const res = await upload(id, posterForm(html, 'poster.jpg', 'image/jpeg'));
      expect(res.statusCode).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(await movieRow(id)).toEqual({ posterHash: null, posterType: null, version: 1 });
      expect(await readdir(dir)).not.toContain(sha256(html));
    });

    it('answers 415 for a real image of another type (GIF)', async () => {
      const res = await upload(await insertMovie(), posterForm(GIF, 'poster.gif', 'image/gif'));
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('answers 413 PAYLOAD_TOO_LARGE above POSTER_MAX_BYTES', async () => {
      const id = await insertMovie();
      const big = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)]);
      const res = await upload(id, posterForm(big));
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxBytes: MAX_BYTES });
      expect((await movieRow(id)).version).toBe(1);
    });

    it('answers 400 POSTER_MISSING for a form without the file, or an empty file', async () => {
      const id = await insertMovie();
      const empty = await upload(id, form([]));
      expect(empty.statusCode).toBe(400);
      expect(empty.json()).toMatchObject({ code: 'POSTER_MISSING' });
      const zero = await upload(id, posterForm(Buffer.alloc(0)));
      expect(zero.statusCode).toBe(400);
      expect(zero.json()).toMatchObject({ code: 'POSTER_MISSING' });
    });

    it('answers 400 INVALID_MULTIPART for a text field, a second file or another field name', async () => {
      const id = await insertMovie();
      const cases = [
        form([{ name: 'note', data: 'hello' }]),
        form([
          { name: 'poster', filename: 'a.png', data: PNG },
          { name: 'poster', filename: 'b.png', data: PNG },
        ]),
        form([{ name: 'image', filename: 'a.png', data: PNG }]),
      ];
      for (const body of cases) {
        const res = await upload(id, body);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'INVALID_MULTIPART' });
      }
      expect((await movieRow(id)).version).toBe(1);
    });

    it('answers 400 for a truncated multipart body, never a 500', async () => {
      const body = posterForm(PNG);
      const res = await upload(await insertMovie(), {
        headers: body.headers,
        payload: body.payload.subarray(0, body.payload.length - 20),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_MULTIPART' });
    });

    it('answers 415 for a body that is not multipart', async () => {
      const id = await insertMovie();
      const json = await app.inject({
        method: 'POST',
        url: `/movies/${id}/poster`,
        headers: { authorization: `Bearer ${editor}` },
        payload: { poster: 'not a file' },
      });
      expect(json.statusCode).toBe(415);
      expect(json.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      const raw = await app.inject({
        method: 'POST',
        url: `/movies/${id}/poster`,
        headers: { authorization: `Bearer ${editor}`, 'content-type': 'image/png' },
        payload: PNG,
      });
      expect(raw.statusCode).toBe(415);
      expect(raw.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('answers 404 MOVIE_NOT_FOUND for an unknown movie and 400 for a malformed id', async () => {
      const unknown = await upload(randomUUID(), posterForm(PNG));
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'MOVIE_NOT_FOUND' });
      const malformed = await upload('not-a-uuid', posterForm(PNG));
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('refuses a user with 403 and an anonymous caller with 401', async () => {
      const id = await insertMovie();
      const user = await (await testTokens()).tokenFor({ roles: ['user'] });
      const forbidden = await upload(id, posterForm(PNG), user);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json()).toMatchObject({ code: 'FORBIDDEN' });
      const anonymous = await upload(id, posterForm(PNG), null);
      expect(anonymous.statusCode).toBe(401);
      expect((await movieRow(id)).version).toBe(1);
    });
  });

  describe('GET /posters/:file', () => {
    let hash: string;
    beforeAll(async () => {
      const res = await upload(await insertMovie(), posterForm(JPEG));
      hash = res.json().posterHash;
    });

    it('serves the bytes with their type, the hash as ETag and an immutable cache policy', async () => {
      const res = await app.inject({ url: `/posters/${hash}.jpg` });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(JPEG)).toBe(true);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['content-length']).toBe(String(JPEG.length));
      expect(res.headers.etag).toBe(`"${hash}"`);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('answers 304 without a body when If-None-Match carries the hash', async () => {
      for (const header of [`"${hash}"`, `W/"${hash}"`, `"other", "${hash}"`, '*']) {
        const res = await app.inject({
          url: `/posters/${hash}.jpg`,
          headers: { 'if-none-match': header },
        });
        expect(res.statusCode).toBe(304);
        expect(res.rawPayload.length).toBe(0);
        expect(res.headers.etag).toBe(`"${hash}"`);
      }
      const stale = await app.inject({
        url: `/posters/${hash}.jpg`,
        headers: { 'if-none-match': '"something-else"' },
      });
      expect(stale.statusCode).toBe(200);
    });

    it('answers 404 POSTER_NOT_FOUND for an unknown hash or the wrong extension', async () => {
      for (const file of [`${sha256(Buffer.from('nothing'))}.png`, `${hash}.png`]) {
        const res = await app.inject({ url: `/posters/${file}` });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ code: 'POSTER_NOT_FOUND' });
      }
    });

    it('answers 400 for a malformed file name, including traversal attempts', async () => {
      for (const file of [
        `${hash.toUpperCase()}.jpg`,
        `${hash}.gif`,
        `${hash.slice(1)}.jpg`,
        hash,
        '..%2F..%2Fetc%2Fpasswd',
        `${hash}.meta.json`,
      ]) {
        const res = await app.inject({ url: `/posters/${file}` });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
    });
  });

  describe('with the movie cache', () => {
    it('shows the new poster on the next read of a cached movie', async () => {
      const id = await insertMovie();
      await db.movie.update({
        where: { id },
        data: { status: 'published', publishedAt: new Date() },
      });
      const before = await app.inject({ url: `/movies/${id}` });
      expect(before.json().posterUrl).toBeNull();
      // Read twice, so the second answer comes from the cache.
      expect((await app.inject({ url: `/movies/${id}` })).json().posterUrl).toBeNull();
      await upload(id, posterForm(WEBP));
      const after = await app.inject({ url: `/movies/${id}` });
      expect(after.json()).toMatchObject({
        posterUrl: `/api/catalog/posters/${sha256(WEBP)}.webp`,
        version: 2,
      });
    });
  });

  describe('createPostersService', () => {
    it('tells onMovieChanged about a committed change only, after the commit', async () => {
      const id = await insertMovie();
      const seen: { id: string; hash: string | null }[] = [];
      const posters = createPostersService({
        db,
        storage: createLocalDiskStorage({ dir }),
        now: () => new Date(),
        onMovieChanged: async (movieId) => {
          // Read outside the transaction: the change must already be visible.
          seen.push({ id: movieId, hash: (await movieRow(movieId)).posterHash });
        },
      });
      await posters.upload(id, PNG);
      await posters.upload(id, PNG);
      expect(seen).toEqual([{ id, hash: sha256(PNG) }]);
      await expect(posters.upload(id, GIF)).rejects.toMatchObject({ status: 415 });
      expect(seen).toHaveLength(1);
    });
  });

  describe('posterUrl', () => {
    it('builds the public URL from hash and type, and null without a poster', () => {
      const hash = sha256(PNG);
      expect(posterUrl(hash, 'image/webp')).toBe(`/api/catalog/posters/${hash}.webp`);
      expect(posterUrl(null, null)).toBeNull();
      expect(posterUrl(hash, 'image/gif')).toBeNull();
    });
  });
});
