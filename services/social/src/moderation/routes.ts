import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { Comment, MODERATORS } from '../comments/index.js';
import {
  AuditPage,
  IdParams,
  ModerationPageQuery,
  QueuePage,
  ReasonBody,
  Report,
  ReportReceipt,
} from './schemas.js';
import type { ModerationService } from './service.js';

const tags = ['moderation'];
const moderatorOnly = {
  401: problemSchema('UNAUTHENTICATED or TOKEN_INVALID'),
  403: problemSchema('FORBIDDEN: moderators and admins only'),
};

export const moderationRoutes: FastifyPluginAsyncTypebox<{
  moderation: ModerationService;
}> = async (app, { moderation }) => {
  app.post(
    '/comments/:id/report',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Report a comment to the moderators (once per user)',
        description:
          'Reports a comment with a reason; a second report by the same user on the same comment changes nothing.',
        params: IdParams,
        body: ReasonBody,
        response: {
          201: ReportReceipt,
          400: problemSchema('VALIDATION_FAILED'),
          401: problemSchema('UNAUTHENTICATED or TOKEN_INVALID'),
          404: problemSchema('COMMENT_NOT_FOUND'),
          409: problemSchema('ALREADY_REPORTED or COMMENT_NOT_REPORTABLE'),
        },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await moderation.report(identityOf(req).userId, req.params.id, req.body.reason)),
  );

  app.get(
    '/moderation/reports',
    {
      config: { access: MODERATORS },
      schema: {
        tags,
        summary: 'The moderation queue: comments with open reports, oldest report first',
        description:
          'Moderators page through comments with open reports, oldest report first, with the reports and their reasons.',
        querystring: ModerationPageQuery,
        response: { 200: QueuePage, 400: problemSchema('INVALID_CURSOR'), ...moderatorOnly },
      },
    },
    async (req) => moderation.queue(req.query),
  );

  const action = (verb: 'hide' | 'unhide') =>
    app.post(
      `/moderation/comments/:id/${verb}`,
      {
        config: { access: MODERATORS },
        schema: {
          tags,
          summary:
            verb === 'hide'
              ? 'Hide a comment from readers (resolves its open reports); audited'
              : 'Show a hidden comment again (dismisses its open reports); audited',
          description:
            verb === 'hide'
              ? 'Hides the comment from readers and resolves its open reports; the action and its reason go to the audit log.'
              : 'Shows the comment again and dismisses its open reports; the action and its reason go to the audit log.',
          params: IdParams,
          body: ReasonBody,
          response: {
            200: Comment,
            400: problemSchema('VALIDATION_FAILED'),
            ...moderatorOnly,
            404: problemSchema('COMMENT_NOT_FOUND'),
            409: problemSchema('COMMENT_STATE_CONFLICT'),
          },
        },
      },
      async (req) =>
        moderation[verb](identityOf(req).userId, req.params.id, req.body.reason.trim()),
    );
  action('hide');
  action('unhide');

  app.post(
    '/moderation/reports/:id/dismiss',
    {
      config: { access: MODERATORS },
      schema: {
        tags,
        summary: 'Dismiss one open report; audited',
        description:
          'Closes one open report without acting on the comment; written to the audit log.',
        params: IdParams,
        body: ReasonBody,
        response: {
          200: Report,
          400: problemSchema('VALIDATION_FAILED'),
          ...moderatorOnly,
          404: problemSchema('REPORT_NOT_FOUND'),
          409: problemSchema('REPORT_NOT_OPEN'),
        },
      },
    },
    async (req) =>
      moderation.dismiss(identityOf(req).userId, req.params.id, req.body.reason.trim()),
  );

  app.get(
    '/moderation/audit',
    {
      config: { access: MODERATORS },
      schema: {
        tags,
        summary: 'Every moderation action (who, when, why, on what), newest first',
        description:
          'Pages through the moderation audit log: who did what, when, why and on which comment, newest first.',
        querystring: ModerationPageQuery,
        response: { 200: AuditPage, 400: problemSchema('INVALID_CURSOR'), ...moderatorOnly },
      },
    },
    async (req) => moderation.audit(req.query),
  );
};
