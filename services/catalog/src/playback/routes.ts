import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema } from '@kavosh/service-kit';
import type { CatalogConfig } from '../config.js';
import type { Database } from '../db.js';
import { Playback, PlaybackParams } from './schemas.js';
import { PlaybackService } from './service.js';

export interface PlaybackRoutesOptions {
  db: Database;
  config: Pick<
    CatalogConfig,
    'MEDIA_ORIGIN_URL' | 'MEDIA_SIGNING_SECRET' | 'PLAYBACK_URL_TTL_SECONDS'
  >;
}

export const playbackRoutes: FastifyPluginAsyncTypebox<PlaybackRoutesOptions> = async (
  app,
  { db, config },
) => {
  const playback = new PlaybackService(db, {
    mediaOrigin: config.MEDIA_ORIGIN_URL,
    signingSecret: config.MEDIA_SIGNING_SECRET,
    ttlSeconds: config.PLAYBACK_URL_TTL_SECONDS,
  });

  app.get(
    '/movies/:id/playback',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['playback'],
        summary:
          'A short-lived signed stream URL for a published movie (premium needs a subscription)',
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
      const answer = await playback.playback(req.params.id, identityOf(req).userId);
      // Personal and short-lived: no shared cache may keep it.
      void reply.header('cache-control', 'private, no-store');
      return answer;
    },
  );
};
