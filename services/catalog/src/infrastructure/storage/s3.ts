import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { assertStorageKey, type ObjectStorage } from './storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, Ceph, R2…); AWS itself when undefined. */
  endpoint?: string;
  /** `bucket` in the path instead of the host name: what most S3-compatible servers need. */
  forcePathStyle: boolean;
  /** Keys are stored under this prefix, e.g. 'posters/'. */
  keyPrefix?: string;
  /** Explicit credentials (tests); otherwise the SDK's standard chain (env, profile, IRSA…). */
  credentials?: S3ClientConfig['credentials'];
}

const isNotFound = (err: unknown): boolean =>
  err instanceof S3ServiceException &&
  (err.$metadata.httpStatusCode === 404 || err.name === 'NoSuchKey' || err.name === 'NotFound');

/** The storage port on an S3-compatible bucket. */
export function createS3Storage(opts: S3StorageOptions): ObjectStorage {
  const client = new S3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    credentials: opts.credentials,
    maxAttempts: 3,
    // A stuck object store must not hold a request (and its poster buffer) for long.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
  });
  const objectKey = (key: string) => {
    assertStorageKey(key);
    return `${opts.keyPrefix ?? ''}${key}`;
  };

  return {
    async put(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket: opts.bucket,
          Key: objectKey(key),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
        }),
      );
    },

    async get(key) {
      try {
        const out = await client.send(
          new GetObjectCommand({ Bucket: opts.bucket, Key: objectKey(key) }),
        );
        if (!(out.Body instanceof Readable)) {
          throw new Error('the S3 client returned a body that is not a Node stream');
        }
        return {
          body: out.Body,
          contentType: out.ContentType ?? 'application/octet-stream',
          size: out.ContentLength,
        };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },

    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: opts.bucket, Key: objectKey(key) }));
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },

    close: () => client.destroy(),
  };
}
