import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import { etagOf, IfMatchHeaders } from '../infrastructure/version-etag.js';
import { EDITORS, viewerOf } from '../infrastructure/viewer.js';
import {
  Article,
  ArticleCreateBody,
  ArticleIdParams,
  ArticleListQuery,
  ArticlePage,
  ArticleParams,
  ArticlePatchBody,
  IfNoneMatchHeaders,
} from './schemas.js';
import type { ArticlesService } from './service.js';

const tags = ['articles'];
const editorOnly = { config: { access: EDITORS } };
const editorErrors = {
  401: problemSchema('UNAUTHENTICATED: no valid access token'),
  403: problemSchema('FORBIDDEN: editors and admins only'),
  404: problemSchema('ARTICLE_NOT_FOUND'),
};
// Articles change on edit: a cache may keep a copy but must revalidate it (ETag, 304).
const PUBLIC_READ = 'public, no-cache';
const EDITOR_READ = 'private, no-store';

/** RFC 9110 §13.1.2: If-None-Match uses weak comparison; `*` matches any representation. */
const matches = (header: string | undefined, etag: string): boolean =>
  header !== undefined &&
  header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);

export const articlesRoutes: FastifyPluginAsyncTypebox<{ articles: ArticlesService }> = async (
  app,
  { articles },
) => {
  app.get(
    '/',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'List published articles, newest first; filter by tag or movie; cursor pages',
        description:
          'Pages through published articles, newest first, optionally those with a tag or about a movie.',
        querystring: ArticleListQuery,
        response: {
          200: ArticlePage,
          400: problemSchema('INVALID_CURSOR or a bad filter'),
          403: problemSchema('FORBIDDEN: a status other than published, not an editor'),
        },
      },
    },
    async (req, reply) => {
      const viewer = viewerOf(req);
      const page = await articles.list(req.query, viewer);
      return reply
        .header('cache-control', viewer.editor ? EDITOR_READ : PUBLIC_READ)
        .header('vary', 'authorization')
        .send(page);
    },
  );

  app.get(
    '/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One article by id or slug (drafts for editors only)',
        description:
          'An article with its rendered, sanitized HTML, by id or slug; drafts are 404 for everyone but editors. Answers 304 to a matching If-None-Match.',
        params: ArticleParams,
        headers: IfNoneMatchHeaders,
        response: {
          200: Article,
          // No body at all (undefined, not null: a null would be sent as the text "null").
          304: Type.Unsafe<undefined>({ description: 'Not modified' }),
          404: problemSchema('ARTICLE_NOT_FOUND'),
        },
      },
    },
    async (req, reply) => {
      const viewer = viewerOf(req);
      const article = await articles.get(req.params.id, viewer);
      const etag = etagOf(article.version);
      reply
        .header('etag', etag)
        .header('cache-control', viewer.editor ? EDITOR_READ : PUBLIC_READ)
        // Editors get drafts where the public gets 404: a shared cache must tell them apart.
        .header('vary', 'authorization');
      if (matches(req.headers['if-none-match'], etag)) {
        return reply.code(304).send();
      }
      return reply.send(article);
    },
  );

  app.post(
    '/',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Write a draft article (editor); Markdown is rendered and sanitized now',
        description:
          'Creates a draft article; its Markdown is rendered to sanitized HTML when saved, never when read.',
        body: ArticleCreateBody,
        response: {
          201: Article,
          ...editorErrors,
          400: problemSchema('UNKNOWN_MOVIE or a bad field'),
          409: problemSchema('SLUG_CONFLICT: concurrent writers took every slug tried; retry'),
        },
      },
    },
    async (req, reply) => {
      const article = await articles.create(req.body, identityOf(req));
      return reply
        .code(201)
        .header('location', `${req.url.replace(/\/$/, '')}/${article.id}`)
        .header('etag', etagOf(article.version))
        .send(article);
    },
  );

  app.patch(
    '/:id',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Change an article (editor); If-Match with its ETag is required',
        description:
          'Changes an article; If-Match must hold the ETag read with GET, or the answer is 412 VERSION_MISMATCH (428 without it).',
        params: ArticleIdParams,
        headers: IfMatchHeaders,
        body: ArticlePatchBody,
        response: {
          200: Article,
          ...editorErrors,
          400: problemSchema('UNKNOWN_MOVIE or a bad field'),
          412: problemSchema('VERSION_MISMATCH: the article changed since it was read'),
          428: problemSchema('PRECONDITION_REQUIRED: no If-Match'),
        },
      },
    },
    async (req, reply) => {
      const article = await articles.update(req.params.id, req.body, req.headers['if-match']);
      return reply.header('etag', etagOf(article.version)).send(article);
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
              ? 'Publish an article (editor); If-Match is checked when sent'
              : 'Withdraw a published article (editor); If-Match is checked when sent',
          description:
            action === 'publish'
              ? 'Makes the article visible to readers; If-Match is checked when sent.'
              : 'Hides the article from readers; If-Match is checked when sent.',
          params: ArticleIdParams,
          headers: IfMatchHeaders,
          response: {
            200: Article,
            ...editorErrors,
            409: problemSchema('ARTICLE_STATE_CONFLICT'),
            412: problemSchema('VERSION_MISMATCH'),
          },
        },
      },
      async (req, reply) => {
        const run = action === 'publish' ? articles.publish : articles.unpublish;
        const article = await run(req.params.id, req.headers['if-match']);
        return reply.header('etag', etagOf(article.version)).send(article);
      },
    );
  }

  app.delete(
    '/:id',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Delete an article (editor); If-Match is checked when sent',
        description: 'Deletes an article; If-Match is checked when sent.',
        params: ArticleIdParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...editorErrors, 412: problemSchema('VERSION_MISMATCH') },
      },
    },
    async (req, reply) => {
      await articles.delete(req.params.id, req.headers['if-match']);
      return reply.code(204).send(null);
    },
  );
};
