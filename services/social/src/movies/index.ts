// The published-movies projection's public surface.
import { MovieNotFound } from './errors.js';
import { isPublishedRow } from './repository.js';
import type { Db } from '../profiles/index.js';

export { MovieNotFound } from './errors.js';

/** Whether catalog's latest word on the movie is that it is published. */
export const isPublished = (db: Db, movieId: string): Promise<boolean> =>
  isPublishedRow(db, movieId);

/** Throws MovieNotFound (404) unless the movie is published. */
export async function assertPublished(db: Db, movieId: string): Promise<void> {
  if (!(await isPublishedRow(db, movieId))) throw new MovieNotFound(movieId);
}
