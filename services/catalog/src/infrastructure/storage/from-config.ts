import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogConfig } from '../../config.js';
import { createLocalDiskStorage } from './local-disk.js';
import { createS3Storage } from './s3.js';
import type { ObjectStorage } from './storage.js';

// src/storage/ and dist/storage/ are both two levels below the service's folder.
const SERVICE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

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
    if (config.S3_BUCKET === undefined) throw new Error('POSTER_STORAGE=s3 needs S3_BUCKET');
    return createS3Storage({
      bucket: config.S3_BUCKET,
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      keyPrefix: 'posters/',
    });
  }
  const dir = isAbsolute(config.POSTER_DIR)
    ? config.POSTER_DIR
    : resolve(SERVICE_ROOT, config.POSTER_DIR);
  return createLocalDiskStorage({ dir });
}
