import { createMovieEditing, type MovieEditingDeps } from './editing.js';
import { createMovieReading, type MovieReadingDeps } from './reading.js';

export type MoviesServiceDeps = MovieReadingDeps & MovieEditingDeps;

/** Movies: reading (lists, search, one movie, old slugs) and editing (reading.ts, editing.ts). */
export function createMoviesService(deps: MoviesServiceDeps) {
  return { ...createMovieReading(deps), ...createMovieEditing(deps) };
}
export type MoviesService = ReturnType<typeof createMoviesService>;
