import type { Database } from '../db.js';

/** What playback needs to know of a movie. */
export interface PlayableMovie {
  status: string;
  premium: boolean;
  streamKey: string;
}

export const playbackRepository = {
  findMovie: (db: Database, movieId: string): Promise<PlayableMovie | null> =>
    db.movie.findUnique({
      where: { id: movieId },
      select: { status: true, premium: true, streamKey: true },
    }),
};
