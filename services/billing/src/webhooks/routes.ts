import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemSchema, HEADER_VALUE_PATTERN } from '@kavosh/service-kit';
import { Type } from 'typebox';
import type { WebhooksService } from './service.js';

const WebhookHeaders = Type.Object(
  {
    'stripe-signature': Type.Optional(
      Type.String({ maxLength: 2000, pattern: HEADER_VALUE_PATTERN }),
    ),
  },
  { additionalProperties: true },
);

const WebhookAnswer = Type.Object(
  {
    received: Type.Literal(true),
    outcome: Type.Union([
      Type.Literal('applied'),
      Type.Literal('unchanged'),
      Type.Literal('stale'),
      Type.Literal('ignored'),
      Type.Literal('duplicate'),
    ]),
  },
  { additionalProperties: false },
);

/**
 * POST /webhooks/provider: the provider's signed events. Public (no user token): the signature
 * over the raw body is the authentication, so the body is kept as bytes, bounded in size.
 */
export const webhooksRoutes: FastifyPluginAsyncTypebox<{
  webhooks: WebhooksService;
  bodyLimitBytes: number;
}> = async (app, { webhooks, bodyLimitBytes }) => {
  // Encapsulated: only this plugin's routes read JSON as raw bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: bodyLimitBytes },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/webhooks/provider',
    {
      bodyLimit: bodyLimitBytes,
      config: { access: 'public' },
      schema: {
        tags: ['webhooks'],
        summary: "The payment provider's signed events (Stripe-Signature)",
        description:
          "Receives the payment provider's events. Public at the edge: the Stripe-Signature over the raw body is the credential, and each event is applied once, however often it is delivered.",
        headers: WebhookHeaders,
        response: {
          200: WebhookAnswer,
          400: problemSchema('WEBHOOK_SIGNATURE_INVALID'),
          413: problemSchema('PAYLOAD_TOO_LARGE'),
          415: problemSchema('UNSUPPORTED_MEDIA_TYPE'),
          422: problemSchema('AMOUNT_MISMATCH'),
        },
      },
    },
    async (req) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const outcome = await webhooks.receive(body, req.headers['stripe-signature']);
      return { received: true as const, outcome };
    },
  );
};
