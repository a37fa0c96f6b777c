import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemSchema, traceparentOf } from '@kavosh/service-kit';
import { Type } from 'typebox';
import {
  NO_STORE,
  serializedBody,
  serveCached,
  type CatalogCache,
} from '../infrastructure/cache/index.js';
import { etagOf, IfMatchHeaders } from '../infrastructure/version-etag.js';
import { EDITORS, viewerOf } from '../infrastructure/viewer.js';
import {
  MovieCreateBody,
  MovieDetail,
  MovieIdParams,
  MovieListQuery,
  MoviePage,
  MovieParams,
  MoviePatchBody,
} from './schemas.js';
import type { MoviesService } from './service.js';

const tags = ['movies'];
const editorOnly = { config: { access: EDITORS } };
const editorErrors = {
  401: problemSchema('UNAUTHENTICATED: no valid access token'),
  403: problemSchema('FORBIDDEN: editors and admins only'),
  404: problemSchema('MOVIE_NOT_FOUND'),
};

const notModified = Type.Null({
  description: 'Not Modified: If-None-Match holds the current ETag',
});

export const moviesRoutes: FastifyPluginAsyncTypebox<{
  movies: MoviesService;
  cache: CatalogCache;
}> = async (app, { movies, cache }) => {
  app.get(
    '/',
    {
      // Partners with catalog:read list the catalog under their key's own rate limit.
      config: { access: { user: 'public', partner: 'catalog:read' } },
      schema: {
        tags,
        summary: 'List or search movies; filters, sorts and opaque cursor pagination',
        description:
          'Pages through published movies (editors may ask for any status), filtered by genre, years, language, premium or person, sorted by newest or popularity, or searched in full text with q. Cursors are opaque and signed.',
        querystring: MovieListQuery,
        response: {
          200: MoviePage,
          304: notModified,
          400: problemSchema('INVALID_CURSOR or a bad filter'),
          403: problemSchema('FORBIDDEN: a status filter other than published, not an editor'),
        },
      },
    },
    async (req, reply) => {
      const viewer = viewerOf(req);
      // Editors see drafts: their pages are neither cached here nor anywhere downstream.
      if (viewer.editor)
        return reply.header('cache-control', NO_STORE).send(await movies.list(req.query, viewer));
      await serveCached(req, reply, cache, { kind: 'movies', query: req.query }, async () => ({
        body: serializedBody(reply, await movies.list(req.query, viewer)),
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
        summary: 'One movie by id or slug, with credits; an old slug redirects (301)',
        description:
          'A published movie with its genres and credits, by id or current slug; a former slug answers 301 to the current one. Drafts are 404 for everyone but editors.',
        params: MovieParams,
        response: {
          200: MovieDetail,
          301: Type.Null({ description: 'Location: the current slug' }),
          304: notModified,
          404: problemSchema('MOVIE_NOT_FOUND'),
        },
      },
    },
    async (req, reply) => {
      const viewer = viewerOf(req);
      // Relative to /movies/<old>, so it works on the service and behind the gateway's prefix.
      const redirect = (slug: string) => reply.redirect(encodeURIComponent(slug), 301);
      if (viewer.editor) {
        const found = await movies.get(req.params.id, viewer);
        if ('redirectToSlug' in found) return redirect(found.redirectToSlug);
        // Editors get the version ETag that If-Match takes; public reads get the body hash.
        return reply
          .header('cache-control', NO_STORE)
          .header('etag', etagOf(found.movie.version))
          .send(found.movie);
      }
      // A redirect (an old slug) is not cached: it passes through to be answered here.
      const passed = await serveCached<string>(
        req,
        reply,
        cache,
        { kind: 'movie', ref: req.params.id },
        async () => {
          const found = await movies.get(req.params.id, viewer);
          return 'redirectToSlug' in found
            ? { pass: found.redirectToSlug }
            : { body: serializedBody(reply, found.movie), movieId: found.movie.id };
        },
      );
      return passed ? redirect(passed.pass) : reply;
    },
  );

  app.post(
    '/',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Create a draft movie (editor)',
        description:
          'Creates a movie as a draft, invisible to readers until it is published; its slug comes from the title unless given.',
        body: MovieCreateBody,
        response: {
          201: MovieDetail,
          ...editorErrors,
          400: problemSchema('UNKNOWN_GENRE, UNKNOWN_PERSON, INVALID_CREDIT or a bad field'),
          409: problemSchema('SLUG_TAKEN or REFERENCE_GONE'),
        },
      },
    },
    async (req, reply) => {
      const movie = await movies.create(req.body);
      return reply
        .code(201)
        .header('location', `movies/${movie.id}`)
        .header('etag', etagOf(movie.version))
        .send(movie);
    },
  );

  app.patch(
    '/:id',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Change a movie (editor); If-Match with its ETag is required',
        description:
          "Changes a movie's fields; If-Match must hold the ETag read with GET, or the answer is 412 VERSION_MISMATCH (428 without it).",
        params: MovieIdParams,
        headers: IfMatchHeaders,
        body: MoviePatchBody,
        response: {
          200: MovieDetail,
          ...editorErrors,
          400: problemSchema('UNKNOWN_GENRE, UNKNOWN_PERSON, INVALID_CREDIT or a bad field'),
          409: problemSchema('SLUG_TAKEN or REFERENCE_GONE'),
          412: problemSchema('VERSION_MISMATCH: the movie changed since it was read'),
          428: problemSchema('PRECONDITION_REQUIRED: no If-Match'),
        },
      },
    },
    async (req, reply) => {
      const movie = await movies.update(req.params.id, req.body, req.headers['if-match']);
      return reply.header('etag', etagOf(movie.version)).send(movie);
    },
  );

  for (const action of ['publish', 'unpublish'] as const) {
    app.post(
      `/:id/${action}`,
      {
        ...editorOnly,
        schema: {
          tags,
          summary:
            action === 'publish'
              ? 'Publish a movie (editor); emits catalog.movie.published.v1'
              : 'Withdraw a published movie (editor); emits catalog.movie.unpublished.v1',
          description:
            action === 'publish'
              ? 'Makes the movie visible to readers and tells the other services by event; If-Match is checked when sent.'
              : 'Hides the movie from readers and tells the other services by event; If-Match is checked when sent.',
          params: MovieIdParams,
          headers: IfMatchHeaders,
          response: {
            200: MovieDetail,
            ...editorErrors,
            409: problemSchema('MOVIE_STATE_CONFLICT'),
            412: problemSchema('VERSION_MISMATCH'),
          },
        },
      },
      async (req, reply) => {
        const run = action === 'publish' ? movies.publish : movies.unpublish;
        const movie = await run(req.params.id, req.headers['if-match'], traceparentOf(req));
        return reply.header('etag', etagOf(movie.version)).send(movie);
      },
    );
  }

  app.delete(
    '/:id',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Delete a movie (editor); a published one emits catalog.movie.unpublished.v1',
        description:
          'Deletes a movie and its credits; If-Match is checked when sent. Deleting a published movie emits catalog.movie.unpublished.v1, so other services drop it.',
        params: MovieIdParams,
        headers: IfMatchHeaders,
        response: {
          204: Type.Null(),
          ...editorErrors,
          412: problemSchema('VERSION_MISMATCH'),
        },
      },
    },
    async (req, reply) => {
      await movies.delete(req.params.id, req.headers['if-match'], traceparentOf(req));
      return reply.code(204).send(null);
    },
  );
};
