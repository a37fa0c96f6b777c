import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SigningKeys } from './signing-keys.js';
import { PublicJwkSet } from './schemas.js';

/** Verifiers cache the set this long; a new key is published at least this long before it signs. */
export const JWKS_MAX_AGE_SECONDS = 300;

export const keysRoutes: FastifyPluginAsyncTypebox<{ keys: SigningKeys }> = async (
  app,
  { keys },
) => {
  app.get(
    '/.well-known/jwks.json',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The public keys that verify access tokens',
        description:
          'The JSON Web Key Set of the keys auth signs access tokens with (EdDSA); services and clients verify tokens with it, picking the key by kid.',
        response: { 200: PublicJwkSet },
      },
    },
    async (_req, reply) => {
      reply.header(
        'cache-control',
        `public, max-age=${JWKS_MAX_AGE_SECONDS}, stale-while-revalidate=60`,
      );
      return keys.publicJwks;
    },
  );
};
