import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import { serializedBody, serveCached, type CatalogCache } from '../infrastructure/cache/index.js';
import { etagOf, IfMatchHeaders } from '../infrastructure/version-etag.js';
import { EDITORS } from '../infrastructure/viewer.js';
import { Genre, GenreCreateBody, GenreList, GenreParams, GenrePatchBody } from './schemas.js';
import type { GenresService } from './service.js';

const tags = ['genres'];
const editorOnly = { config: { access: EDITORS } };
const editorErrors = {
  401: problemSchema('UNAUTHENTICATED'),
  403: problemSchema('FORBIDDEN: editors and admins only'),
  404: problemSchema('GENRE_NOT_FOUND'),
};

export const genresRoutes: FastifyPluginAsyncTypebox<{
  genres: GenresService;
  cache: CatalogCache;
}> = async (app, { genres, cache }) => {
  app.get(
    '/',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Every genre, by name',
        description:
          'Every genre with its slug and version, sorted by name; answers 304 to a matching If-None-Match.',
        response: {
          200: GenreList,
          304: Type.Null({ description: 'Not Modified: If-None-Match holds the current ETag' }),
        },
      },
    },
    // The same for every caller (genres have no drafts), so editors are served from the cache too.
    async (req, reply) => {
      await serveCached(req, reply, cache, { kind: 'genres' }, async () => ({
        body: serializedBody(reply, await genres.list()),
      }));
      return reply;
    },
  );

  app.get(
    '/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One genre by id, with its version ETag',
        description:
          'A genre by id; its ETag is the version that PATCH and DELETE take in If-Match.',
        params: GenreParams,
        response: { 200: Genre, 404: problemSchema('GENRE_NOT_FOUND') },
      },
    },
    async (req, reply) => {
      const genre = await genres.get(req.params.id);
      return reply.header('etag', etagOf(genre.version)).send(genre);
    },
  );

  app.post(
    '/',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Create a genre (editor)',
        description:
          'Creates a genre; its slug comes from the name unless given, and a name or slug in use is 409 GENRE_TAKEN.',
        body: GenreCreateBody,
        response: { 201: Genre, ...editorErrors, 409: problemSchema('GENRE_TAKEN') },
      },
    },
    async (req, reply) => {
      const genre = await genres.create(req.body);
      return reply
        .code(201)
        .header('location', `genres/${genre.id}`)
        .header('etag', etagOf(genre.version))
        .send(genre);
    },
  );

  app.patch(
    '/:id',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Rename a genre (editor); If-Match required',
        description:
          'Renames a genre or changes its slug; If-Match must hold the ETag read with GET.',
        params: GenreParams,
        headers: IfMatchHeaders,
        body: GenrePatchBody,
        response: {
          200: Genre,
          ...editorErrors,
          409: problemSchema('GENRE_TAKEN'),
          412: problemSchema('VERSION_MISMATCH'),
          428: problemSchema('PRECONDITION_REQUIRED'),
        },
      },
    },
    async (req, reply) => {
      const genre = await genres.update(req.params.id, req.body, req.headers['if-match']);
      return reply.header('etag', etagOf(genre.version)).send(genre);
    },
  );

  app.delete(
    '/:id',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Delete an unused genre (editor)',
        description: 'Deletes a genre no movie uses; a genre in use is 409.',
        params: GenreParams,
        headers: IfMatchHeaders,
        response: {
          204: Type.Null(),
          ...editorErrors,
          409: problemSchema('GENRE_IN_USE'),
          412: problemSchema('VERSION_MISMATCH'),
        },
      },
    },
    async (req, reply) => {
      await genres.delete(req.params.id, req.headers['if-match']);
      return reply.code(204).send(null);
    },
  );
};
