import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf, partnerOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import { Playback, PlaybackParams } from './schemas.js';
import type { PlaybackService } from './service.js';

export const playbackRoutes: FastifyPluginAsyncTypebox<{ playback: PlaybackService }> = async (
  app,
  { playback },
) => {
  app.get(
    '/movies/:id/playback',
    {
      // A partner (a device maker, a reseller) issues stream URLs for its own viewers: signed.
      config: { access: { user: 'authenticated', partner: 'playback:issue' } },
      schema: {
        tags: ['playback'],
        summary:
          'A short-lived signed stream URL for a published movie (premium needs a subscription)',
        description:
          "Answers a signed URL of the movie's stream on the media origin, valid for a few minutes. A premium movie needs an active subscription (403 SUBSCRIPTION_REQUIRED otherwise).",
        params: PlaybackParams,
        response: {
          200: Playback,
          401: problemSchema('UNAUTHENTICATED or TOKEN_INVALID'),
          403: problemSchema(
            'SUBSCRIPTION_REQUIRED: a premium title without an active subscription',
          ),
          404: problemSchema('MOVIE_NOT_FOUND: unknown or not published'),
          409: problemSchema("STREAM_UNAVAILABLE: the movie's stream key cannot be signed"),
        },
      },
    },
    async (req, reply) => {
      const partner = partnerOf(req);
      const answer = await playback.playback(
        req.params.id,
        partner ? { partner: partner.partner } : { userId: identityOf(req).userId },
      );
      // Personal and short-lived: no shared cache may keep it.
      void reply.header('cache-control', 'private, no-store');
      return answer;
    },
  );
};
