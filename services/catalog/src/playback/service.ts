import type { Database } from '../db.js';
import { canWatchPremium } from '../entitlements/service.js';
import { PlaybackMovieNotFound, StreamUnavailable, SubscriptionRequired } from './errors.js';
import type { Playback } from './schemas.js';
import { isSignableStreamKey, signMediaUrl } from './signing.js';

export interface PlaybackOptions {
  mediaOrigin: string;
  signingSecret: string;
  ttlSeconds: number;
  now?: () => Date;
}

/** Decides whether a user may watch a movie now and, if so, signs a short-lived stream URL. */
export class PlaybackService {
  readonly #db: Database;
  readonly #opts: PlaybackOptions;
  readonly #now: () => Date;

  constructor(db: Database, opts: PlaybackOptions) {
    this.#db = db;
    this.#opts = opts;
    this.#now = opts.now ?? (() => new Date());
  }

  async playback(movieId: string, userId: string): Promise<Playback> {
    const movie = await this.#db.movie.findUnique({
      where: { id: movieId },
      select: { status: true, premium: true, streamKey: true },
    });
    if (!movie || movie.status !== 'published') throw new PlaybackMovieNotFound();
    const now = this.#now();
    if (movie.premium && !(await canWatchPremium(this.#db, userId, now)))
      throw new SubscriptionRequired();
    if (!isSignableStreamKey(movie.streamKey)) throw new StreamUnavailable();
    const { url, expires } = signMediaUrl({
      origin: this.#opts.mediaOrigin,
      streamKey: movie.streamKey,
      secret: this.#opts.signingSecret,
      ttlSeconds: this.#opts.ttlSeconds,
      now,
    });
    return { url, expiresAt: new Date(expires * 1000).toISOString() };
  }
}
