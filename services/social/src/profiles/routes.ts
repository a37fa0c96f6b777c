import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemSchema } from '@kavosh/service-kit';
import type { Database } from '../db.js';
import { ProfileNotFound } from './errors.js';
import { findProfiles } from './index.js';
import { PublicProfile, UserParams } from './schemas.js';

const tags = ['profiles'];

/**
 * GET /users/:id is public: it shows what every public comment already shows beside its body
 * (display name and initials), nothing more (no email, no roles).
 */
export const profilesRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/users/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A user's public profile: display name and avatar initials",
        description:
          'What anyone may see of a user: the display name and the initials of their avatar.',
        params: UserParams,
        response: { 200: PublicProfile, 404: problemSchema('PROFILE_NOT_FOUND') },
      },
    },
    async (req) => {
      const profile = (await findProfiles(db, [req.params.id])).get(req.params.id);
      if (!profile) throw new ProfileNotFound(req.params.id);
      return { id: profile.userId, displayName: profile.displayName, initials: profile.initials };
    },
  );
};
