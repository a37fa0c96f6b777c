import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import { etagOf } from '../infrastructure/version-etag.js';
import { EDITORS } from '../infrastructure/viewer.js';
import { InvalidPosterForm, PosterMissing, PosterTooLarge } from './errors.js';
import {
  MovieIdParams,
  PosterBytes,
  PosterFileParams,
  PosterUpload,
  posterUploadBody,
} from './schemas.js';
import type { PostersService } from './service.js';

// Content-addressed: the bytes behind a URL never change.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const FILE_FIELD = 'poster';

export const postersRoutes: FastifyPluginAsyncTypebox<{
  posters: PostersService;
  maxBytes: number;
}> = async (app, { posters, maxBytes }) => {
  // Registered here, so only this plugin's routes accept multipart bodies.
  await app.register(multipart, {
    limits: { files: 1, fileSize: maxBytes, fields: 4, parts: 5, fieldSize: 1024, headerPairs: 50 },
  });

  /** The one file of the form, read into memory (at most maxBytes). */
  async function readPoster(request: FastifyRequest): Promise<Buffer> {
    if (!request.isMultipart()) {
      throw new AppError({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        title: 'Unsupported media type',
        detail: `Send the poster as multipart/form-data with a file field "${FILE_FIELD}".`,
      });
    }
    let bytes: Buffer | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file')
          throw new InvalidPosterForm(`Unexpected field "${part.fieldname}".`);
        if (part.fieldname !== FILE_FIELD) {
          throw new InvalidPosterForm(`The file field must be named "${FILE_FIELD}".`);
        }
        bytes = await part.toBuffer();
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof app.multipartErrors.RequestFileTooLargeError)
        throw new PosterTooLarge(maxBytes);
      if (err instanceof app.multipartErrors.FilesLimitError) {
        throw new InvalidPosterForm('Send exactly one file.');
      }
      // busboy's own errors (no boundary, truncated form) describe the request, not the server.
      if (err instanceof Error) throw new InvalidPosterForm(err.message);
      throw err;
    }
    if (!bytes) throw new PosterMissing(`The form has no file field "${FILE_FIELD}".`);
    if (bytes.length === 0) throw new PosterMissing('The poster file is empty.');
    return bytes;
  }

  app.post(
    '/movies/:id/poster',
    {
      // Checked before any byte of the upload is read.
      config: { access: EDITORS },
      schema: {
        tags: ['posters'],
        summary: "Upload a movie's poster (editor)",
        description: `multipart/form-data with one file field "${FILE_FIELD}": a JPEG, PNG or WebP image (type sniffed from the bytes), at most POSTER_MAX_BYTES. Bumps the movie's version.`,
        params: MovieIdParams,
        body: posterUploadBody(maxBytes),
        response: {
          200: PosterUpload,
          400: problemSchema('POSTER_MISSING'),
          404: problemSchema('MOVIE_NOT_FOUND'),
          413: problemSchema('PAYLOAD_TOO_LARGE'),
          415: problemSchema('UNSUPPORTED_MEDIA_TYPE'),
        },
      },
    },
    async (req, reply) => {
      const bytes = await readPoster(req);
      const result = await posters.upload(req.params.id, bytes);
      // The movie's version ETag (the one its PATCH takes in If-Match), not the image's.
      return reply.header('etag', etagOf(result.version)).send(result);
    },
  );

  app.get(
    '/posters/:file',
    {
      config: { access: 'public' },
      schema: {
        tags: ['posters'],
        summary: 'A poster image by content hash (public, cacheable forever)',
        description:
          'Serves a poster image by its content hash; the URL never changes for the same image, so it is cached for a year.',
        params: PosterFileParams,
        response: {
          200: PosterBytes,
          304: Type.Null({ description: 'Not modified' }),
          404: problemSchema('POSTER_NOT_FOUND'),
        },
      },
    },
    async (req, reply) => {
      const [hash = '', extension = ''] = req.params.file.split('.');
      const poster = await posters.open(hash, extension);
      const etag = `"${hash}"`;
      reply.header('etag', etag).header('cache-control', IMMUTABLE);
      if (matchesETag(req.headers['if-none-match'], etag)) {
        poster.body.destroy();
        // No payload at all: a null would be serialized as the body "null".
        reply.code(304);
        return reply.send();
      }
      reply.type(poster.contentType).header('x-content-type-options', 'nosniff');
      if (poster.size !== undefined) reply.header('content-length', poster.size);
      return reply.send(poster.body);
    },
  );
};

/** RFC 9110 §13.1.2: weak comparison, `*` matches any stored representation. */
function matchesETag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
