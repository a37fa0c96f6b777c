/** The poster formats we accept, by MIME type, with the extension their URL carries. */
export const POSTER_EXTENSIONS = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const;

export type PosterType = keyof typeof POSTER_EXTENSIONS;
export type PosterExtension = (typeof POSTER_EXTENSIONS)[PosterType];

/** Public path of the posters route, as clients reach it through the gateway (or a CDN). */
export const POSTER_PATH_PREFIX = '/api/catalog/posters';

export const isPosterType = (value: string): value is PosterType =>
  Object.hasOwn(POSTER_EXTENSIONS, value);

/** The MIME type a poster URL's extension stands for, or undefined for another extension. */
export function posterTypeOf(extension: string): PosterType | undefined {
  return (Object.keys(POSTER_EXTENSIONS) as PosterType[]).find(
    (type) => POSTER_EXTENSIONS[type] === extension,
  );
}

/**
 * The URL of a movie's poster, for the movie representation: null while it has none. The
 * content hash is in the path, so the URL changes with the image and can be cached forever.
 */
export function posterUrl(hash: string | null, type: string | null): string | null {
  if (hash === null || type === null || !isPosterType(type)) return null;
  return posterPath(hash, type);
}

export const posterPath = (hash: string, type: PosterType): string =>
  `${POSTER_PATH_PREFIX}/${hash}.${POSTER_EXTENSIONS[type]}`;
