import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Database } from '../db.js';
import type { ObjectStorage, StoredObject } from '../infrastructure/storage/storage.js';
import { MovieNotFound } from '../movies/index.js';
import { PosterNotFound, UnsupportedPosterType } from './errors.js';
import { isPosterType, posterPath, posterTypeOf, type PosterType } from './poster-url.js';
import { postersRepository as repo } from './repository.js';
import type { PosterUpload } from './schemas.js';

export function createPostersService(deps: {
  db: Database;
  storage: ObjectStorage;
  now: () => Date;
  /** After a committed change of a movie's poster (the cache drops the movie and list pages). */
  onMovieChanged?: (movieId: string) => Promise<void>;
}) {
  return {
    /**
     * Stores the image under its SHA-256 and points the movie at it. The type comes from the
     * bytes, never from the file name or the part's Content-Type. The object is written before
     * the row: if the transaction fails, an unreferenced object is left, which is harmless
     * (the same bytes always get the same key) and never a movie pointing at nothing.
     */
    async upload(movieId: string, bytes: Buffer): Promise<PosterUpload> {
      const sniffed = await fileTypeFromBuffer(bytes);
      const type: PosterType | undefined =
        sniffed && isPosterType(sniffed.mime) ? sniffed.mime : undefined;
      if (!type) {
        throw new UnsupportedPosterType(
          `A poster must be a JPEG, PNG or WebP image; the bytes are ${sniffed ? sniffed.mime : 'of no known image type'}.`,
        );
      }
      if (!(await repo.movieExists(deps.db, movieId))) throw new MovieNotFound(movieId);

      const hash = createHash('sha256').update(bytes).digest('hex');
      if (!(await deps.storage.exists(hash))) await deps.storage.put(hash, bytes, type);

      const { version, changed } = await deps.db.$transaction(async (tx) => {
        const current = await repo.lockMovie(tx, movieId);
        if (!current) throw new MovieNotFound(movieId);
        // The same image again changes nothing, so the movie keeps its version (and ETag).
        if (current.posterHash === hash && current.posterType === type) {
          return { version: current.version, changed: false };
        }
        const updated = await repo.setPoster(tx, movieId, { hash, type, at: deps.now() });
        return { version: updated.version, changed: true };
      });
      if (changed) await deps.onMovieChanged?.(movieId);
      return {
        movieId,
        posterHash: hash,
        posterType: type,
        posterUrl: posterPath(hash, type),
        version,
      };
    },

    /** The stored poster for a URL's hash and extension; 404 when either does not match. */
    async open(hash: string, extension: string): Promise<StoredObject> {
      const object = await deps.storage.get(hash);
      if (!object) throw new PosterNotFound();
      if (object.contentType !== posterTypeOf(extension)) {
        object.body.destroy();
        throw new PosterNotFound();
      }
      return object;
    },
  };
}
export type PostersService = ReturnType<typeof createPostersService>;
