import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { ownerOf } from '../infrastructure/access.js';
import { Subscription, SubscriptionQuery } from './schemas.js';
import type { SubscriptionsService } from './service.js';

const tags = ['subscription'];
const errors = {
  401: problemSchema('UNAUTHENTICATED'),
  404: problemSchema('SUBSCRIPTION_NOT_FOUND'),
};

export const subscriptionRoutes: FastifyPluginAsyncTypebox<{
  subscriptions: SubscriptionsService;
}> = async (app, { subscriptions }) => {
  app.get(
    '/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Your subscription with its history (admins: any user with ?userId=)',
        description:
          "The caller's current subscription with its plan, status, period and history; admins may name any user with userId.",
        querystring: SubscriptionQuery,
        response: {
          200: Subscription,
          ...errors,
          403: problemSchema('FORBIDDEN: ?userId= is for admins'),
        },
      },
    },
    async (req) => subscriptions.get(ownerOf(req, req.query.userId)),
  );

  app.post(
    '/cancel',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Cancel at period end (access continues until then; undo with resume)',
        description:
          'Asks for the subscription to end at the end of the paid period; access continues until then, and resume undoes it.',
        response: {
          200: Subscription,
          ...errors,
          409: problemSchema('SUBSCRIPTION_NOT_CANCELABLE'),
          503: problemSchema('PROVIDER_UNAVAILABLE'),
        },
      },
    },
    async (req) => subscriptions.cancel(identityOf(req).userId),
  );

  app.post(
    '/resume',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Undo a cancellation before the period ends',
        description: 'Withdraws a pending cancellation, so the subscription renews as before.',
        response: {
          200: Subscription,
          ...errors,
          409: problemSchema('SUBSCRIPTION_NOT_RESUMABLE'),
          503: problemSchema('PROVIDER_UNAVAILABLE'),
        },
      },
    },
    async (req) => subscriptions.resume(identityOf(req).userId),
  );
};
