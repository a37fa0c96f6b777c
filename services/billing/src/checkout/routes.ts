import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema, traceparentOf } from '@kavosh/service-kit';
import { CheckoutAnswer, CheckoutBody, CheckoutHeaders } from './schemas.js';
import type { CheckoutService } from './service.js';

export const checkoutRoutes: FastifyPluginAsyncTypebox<{ checkout: CheckoutService }> = async (
  app,
  { checkout },
) => {
  app.post(
    '/checkout',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['checkout'],
        summary: 'Start a subscription: a pending subscription and the provider page to pay at',
        description:
          'Needs an Idempotency-Key (Stripe rules): the same key and body replay the first ' +
          'answer (Idempotent-Replayed: true); another body is 422; while the first runs, 409.',
        headers: CheckoutHeaders,
        body: CheckoutBody,
        response: {
          201: CheckoutAnswer,
          400: problemSchema('VALIDATION_FAILED: missing or malformed Idempotency-Key or body'),
          401: problemSchema('UNAUTHENTICATED'),
          404: problemSchema('PLAN_NOT_FOUND: unknown or archived'),
          409: problemSchema('ALREADY_SUBSCRIBED or IDEMPOTENCY_KEY_IN_FLIGHT'),
          422: problemSchema('IDEMPOTENCY_KEY_REUSED'),
          503: problemSchema('PROVIDER_UNAVAILABLE'),
        },
      },
    },
    async (req, reply) => {
      const answer = await checkout.checkout(
        identityOf(req).userId,
        req.headers['idempotency-key'],
        req.body,
        traceparentOf(req),
      );
      if (answer.replayed) reply.header('idempotent-replayed', 'true');
      // Only a success is stored as an answer (a stored refusal is thrown again): always 201.
      return reply.code(201).send(answer.body);
    },
  );
};
