import type { Database } from '../db.js';
import { canWatchPremium } from '../entitlements/service.js';
import { MovieNotFound } from '../movies/index.js';
import { StreamUnavailable, SubscriptionRequired } from './errors.js';
import { playbackRepository as repo } from './repository.js';
import type { Playback } from './schemas.js';
import { isSignableStreamKey, signMediaUrl } from './signing.js';

/** Decides whether a user may watch a movie now and, if so, signs a short-lived stream URL. */
export function createPlaybackService(deps: {
  db: Database;
  mediaOrigin: string;
  signingSecret: string;
  ttlSeconds: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return {
    /**
     * A user needs a subscription for a premium title; a partner holding playback:issue is
     * entitled by its contract (docs/partners.md), so it is not asked.
     */
    async playback(
      movieId: string,
      viewer: { userId: string } | { partner: string },
    ): Promise<Playback> {
      const movie = await repo.findMovie(deps.db, movieId);
      // Unknown or not published: a draft's playback is as invisible as the draft itself.
      if (!movie || movie.status !== 'published') throw new MovieNotFound(movieId);
      const at = now();
      if (
        movie.premium &&
        'userId' in viewer &&
        !(await canWatchPremium(deps.db, viewer.userId, at))
      ) {
        throw new SubscriptionRequired();
      }
      if (!isSignableStreamKey(movie.streamKey)) throw new StreamUnavailable();
      const { url, expires } = signMediaUrl({
        origin: deps.mediaOrigin,
        streamKey: movie.streamKey,
        secret: deps.signingSecret,
        ttlSeconds: deps.ttlSeconds,
        now: at,
      });
      return { url, expiresAt: new Date(expires * 1000).toISOString() };
    },
  };
}
export type PlaybackService = ReturnType<typeof createPlaybackService>;
