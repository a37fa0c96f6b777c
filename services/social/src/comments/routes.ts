import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import { MovieParams } from '../ratings/schemas.js';
import {
  Comment,
  CommentCreateBody,
  CommentPage,
  CommentParams,
  CommentPatchBody,
  PageQuery,
  ReplyPage,
} from './schemas.js';
import type { CommentsService } from './service.js';
import { viewerOf } from './view.js';

const tags = ['comments'];
const unauthenticated = { 401: problemSchema('UNAUTHENTICATED or TOKEN_INVALID') };
const badBody = problemSchema(
  'COMMENT_BODY_EMPTY, COMMENT_BODY_TOO_LONG, COMMENT_BODY_INVALID or VALIDATION_FAILED',
);

export const commentsRoutes: FastifyPluginAsyncTypebox<{ comments: CommentsService }> = async (
  app,
  { comments },
) => {
  app.get(
    '/movies/:id/comments',
    {
      // Public; a moderator's token also shows hidden comments' bodies.
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          "A published movie's top-level comments, newest first, each with its first replies",
        description:
          "Pages through a published movie's top-level comments, newest first, each with its first replies; hidden and deleted comments keep their place with an empty body.",
        params: MovieParams,
        querystring: PageQuery,
        response: {
          200: CommentPage,
          400: problemSchema('INVALID_CURSOR or VALIDATION_FAILED'),
          404: problemSchema('MOVIE_NOT_FOUND'),
        },
      },
    },
    async (req) => comments.list(viewerOf(req), req.params.id, req.query),
  );

  app.get(
    '/comments/:id/replies',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A comment's direct replies, oldest first",
        description: 'Pages through the direct replies to a comment, oldest first.',
        params: CommentParams,
        querystring: PageQuery,
        response: {
          200: ReplyPage,
          400: problemSchema('INVALID_CURSOR or VALIDATION_FAILED'),
          404: problemSchema('COMMENT_NOT_FOUND or MOVIE_NOT_FOUND'),
        },
      },
    },
    async (req) => comments.replies(viewerOf(req), req.params.id, req.query),
  );

  app.post(
    '/movies/:id/comments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Comment on a published movie, or reply to a comment (parentId)',
        description:
          'Posts a comment on a published movie, or a reply when parentId is given; the author of the parent is notified.',
        params: MovieParams,
        body: CommentCreateBody,
        response: {
          201: Comment,
          400: problemSchema(
            'COMMENT_BODY_EMPTY, COMMENT_BODY_TOO_LONG, COMMENT_BODY_INVALID, INVALID_PARENT or VALIDATION_FAILED',
          ),
          ...unauthenticated,
          404: problemSchema('MOVIE_NOT_FOUND'),
          409: problemSchema('REPLY_TOO_DEEP or PARENT_NOT_REPLYABLE'),
        },
      },
    },
    async (req, reply) => {
      const comment = await comments.create(identityOf(req).userId, req.params.id, req.body);
      return reply.code(201).header('location', `../comments/${comment.id}/replies`).send(comment);
    },
  );

  app.patch(
    '/comments/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Edit your comment within the edit window',
        description: "Changes the body of the caller's own comment while the edit window is open.",
        params: CommentParams,
        body: CommentPatchBody,
        response: {
          200: Comment,
          400: badBody,
          ...unauthenticated,
          403: problemSchema('NOT_COMMENT_AUTHOR'),
          404: problemSchema('COMMENT_NOT_FOUND'),
          409: problemSchema('EDIT_WINDOW_CLOSED or COMMENT_NOT_EDITABLE'),
        },
      },
    },
    async (req) => comments.edit(identityOf(req).userId, req.params.id, req.body.body),
  );

  app.delete(
    '/comments/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Delete a comment (its author, or a moderator): it stays in its thread, emptied',
        description:
          'Deletes a comment (its author, or a moderator): its body is removed but it keeps its place, so replies stay in their thread.',
        params: CommentParams,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...unauthenticated,
          403: problemSchema('NOT_COMMENT_AUTHOR'),
          404: problemSchema('COMMENT_NOT_FOUND'),
          409: problemSchema('COMMENT_ALREADY_DELETED'),
        },
      },
    },
    async (req, reply) => {
      const viewer = viewerOf(req);
      await comments.remove({ ...viewer, userId: identityOf(req).userId }, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
