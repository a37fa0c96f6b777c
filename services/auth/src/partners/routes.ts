import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf, PARTNER_VERIFY_PATH } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import {
  CreateKeyBody,
  IssuedKey,
  KeyListQuery,
  KeyPage,
  KeyParams,
  PartnerKey,
  RotateKeyBody,
  Verification,
  VerifyBody,
} from './schemas.js';
import type { PartnerKeysService } from './service.js';

/** Admin management of partner keys, under /admin/partners/keys. */
export const partnerKeysAdminRoutes: FastifyPluginAsyncTypebox<{
  partnerKeys: PartnerKeysService;
}> = async (app, { partnerKeys }) => {
  const adminOnly = { access: { roles: ['admin'] } } as const;
  const noStore = { 'cache-control': 'no-store' };

  app.post(
    '/',
    {
      config: adminOnly,
      schema: {
        summary: 'Issue a partner key (admin); the secret is in this answer only',
        description:
          'Creates a key for a partner with its scopes and tier. The secret is answered once and stored only as a keyed hash; keep it safe.',
        body: CreateKeyBody,
        response: { 201: IssuedKey, 400: problemSchema('PARTNER_KEY_EXPIRY_INVALID') },
      },
    },
    async (req, reply) => {
      const issued = await partnerKeys.create(req.body, identityOf(req).userId);
      return reply.code(201).headers(noStore).send(issued);
    },
  );

  app.get(
    '/',
    {
      config: adminOnly,
      schema: {
        summary: 'List partner keys (admin), never their secrets',
        description:
          'Pages through partner keys with their partner, scopes, tier and status; secrets are never shown.',
        querystring: KeyListQuery,
        response: { 200: KeyPage },
      },
    },
    async (req) => partnerKeys.list(req.query),
  );

  app.get(
    '/:id',
    {
      config: adminOnly,
      schema: {
        summary: 'One partner key (admin), without its secret',
        description: 'A partner key with its scopes, tier, status and dates; an unknown id is 404.',
        params: KeyParams,
        response: { 200: PartnerKey, 404: problemSchema('PARTNER_KEY_NOT_FOUND') },
      },
    },
    async (req) => partnerKeys.get(req.params.id),
  );

  app.post(
    '/:id/rotate',
    {
      config: adminOnly,
      schema: {
        summary: 'A new secret for a key (admin); the old one works for overlapSeconds more',
        description:
          'Issues a new secret for a key (answered once). The previous secret keeps working for overlapSeconds, so the partner can switch without downtime.',
        params: KeyParams,
        body: RotateKeyBody,
        response: {
          200: IssuedKey,
          404: problemSchema('PARTNER_KEY_NOT_FOUND'),
          409: problemSchema('PARTNER_KEY_INACTIVE'),
        },
      },
    },
    async (req, reply) => {
      const issued = await partnerKeys.rotate(
        req.params.id,
        req.body.overlapSeconds,
        identityOf(req).userId,
      );
      return reply.headers(noStore).send(issued);
    },
  );

  app.post(
    '/:id/revoke',
    {
      config: adminOnly,
      schema: {
        summary: 'Revoke a key at once (admin), on every gateway within seconds',
        description:
          'Revokes a key immediately: every gateway refuses it within its cache time. Revoking is final.',
        params: KeyParams,
        response: { 200: PartnerKey, 404: problemSchema('PARTNER_KEY_NOT_FOUND') },
      },
    },
    async (req) => partnerKeys.revoke(req.params.id, identityOf(req).userId),
  );
};

/**
 * The gateway's verification of a presented key. Hidden from the OpenAPI document, so no service
 * declares it and the gateway never routes to it; only the gateway reaches auth (NetworkPolicy).
 */
export const partnerKeyVerifyRoute: FastifyPluginAsyncTypebox<{
  partnerKeys: PartnerKeysService;
}> = async (app, { partnerKeys }) => {
  app.post(
    PARTNER_VERIFY_PATH,
    {
      schema: {
        hide: true,
        body: VerifyBody,
        response: { 200: Verification, 401: problemSchema('PARTNER_KEY_INVALID') },
      },
    },
    async (req) => partnerKeys.verify(req.body.key),
  );
};
