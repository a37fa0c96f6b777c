import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogConfig } from '../../config.js';
import { createLocalDiskStorage } from './local-disk.js';
import type { ObjectStorage } from './storage.js';

// src/storage/ and dist/storage/ are both two levels below the service's folder.
const SERVICE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A store built on its first use: the AWS SDK (≈ 23 MB of RSS, ≈ 0.15 s to load) is loaded with
 * the first poster operation, never by a catalog on the local disk (npm start's default).
 */
export function lazily(create: () => Promise<ObjectStorage>): ObjectStorage {
  let store: Promise<ObjectStorage> | undefined;
  const ready = () => (store ??= create());
  return {
    put: async (key, bytes, contentType) => (await ready()).put(key, bytes, contentType),
    get: async (key) => (await ready()).get(key),
    exists: async (key) => (await ready()).exists(key),
    close: () => {
      // Nothing to release when it was never used.
      if (store)
        void store.then(
          (built) => built.close(),
          () => undefined,
        );
    },
  };
}

/** The poster store the configuration asks for (POSTER_STORAGE). */
export function createPosterStorage(
  config: Pick<
    CatalogConfig,
    | 'POSTER_STORAGE'
    | 'POSTER_DIR'
    | 'S3_BUCKET'
    | 'S3_ENDPOINT'
    | 'S3_REGION'
    | 'S3_FORCE_PATH_STYLE'
  >,
): ObjectStorage {
  if (config.POSTER_STORAGE === 's3') {
    const bucket = config.S3_BUCKET;
    if (bucket === undefined) throw new Error('POSTER_STORAGE=s3 needs S3_BUCKET');
    return lazily(async () =>
      (await import('./s3.js')).createS3Storage({
        bucket,
        endpoint: config.S3_ENDPOINT,
        region: config.S3_REGION,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
        keyPrefix: 'posters/',
      }),
    );
  }
  const dir = isAbsolute(config.POSTER_DIR)
    ? config.POSTER_DIR
    : resolve(SERVICE_ROOT, config.POSTER_DIR);
  return createLocalDiskStorage({ dir });
}
