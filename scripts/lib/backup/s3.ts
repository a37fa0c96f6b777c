import { createWriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { MANIFEST_FILE } from './format.js';
import { readManifest, RestoreError } from './restore.js';

/** A bucket and a key prefix (no leading or trailing slash; may be empty). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/** The variables the S3 target reads (docs/operations.md, "Backups to a bucket"). */
export interface S3Env {
  BACKUP_S3_ENDPOINT?: string | undefined;
  AWS_ACCESS_KEY_ID?: string | undefined;
  AWS_SECRET_ACCESS_KEY?: string | undefined;
  AWS_REGION?: string | undefined;
}

// S3's own rule for bucket names (3–63 lowercase letters, digits, dots and hyphens).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const SEGMENT = /^[A-Za-z0-9._=-]{1,200}$/;
/** The largest manifest read from a bucket: a few hundred tables' entries. */
const MANIFEST_MAX_BYTES = 1 << 20;
/** Files up to this size go up in one PUT; larger ones in parts of this size (S3's minimum is 5 MiB). */
export const PART_BYTES = 16 * 1024 * 1024;

export const isS3Url = (value: string): boolean => /^s3:\/\//i.test(value);

/** Parses s3://bucket[/prefix…]; throws on anything else (`..`, empty segments, odd characters). */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(url);
  const bucket = match?.[1] ?? '';
  if (!match || !BUCKET.test(bucket)) throw new Error(`not an s3://bucket/prefix URL: ${url}`);
  const rest = (match[2] ?? '').replace(/\/+$/, '');
  const segments = rest === '' ? [] : rest.split('/');
  if (segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..'))
    throw new Error(`the key prefix of ${url} has an empty or unusual segment`);
  return { bucket, prefix: segments.join('/') };
}

export const s3Url = (loc: S3Location): string =>
  `s3://${loc.bucket}${loc.prefix === '' ? '' : `/${loc.prefix}`}`;

const keyOf = (loc: S3Location, file: string): string =>
  loc.prefix === '' ? file : `${loc.prefix}/${file}`;

/**
 * An S3 client from the environment: BACKUP_S3_ENDPOINT (an S3-compatible server: MinIO, Ceph,
 * a cloud's S3 API; absent for AWS itself), AWS_REGION (default us-east-1) and the key pair
 * (else the SDK's usual chain: profile, instance role). Path-style addressing, which every
 * S3-compatible server understands; checksums only where S3 requires them (such servers do not
 * all read the trailers the SDK would add).
 */
export function s3ClientFromEnv(env: S3Env): S3Client {
  const {
    BACKUP_S3_ENDPOINT: endpoint,
    AWS_ACCESS_KEY_ID: id,
    AWS_SECRET_ACCESS_KEY: secret,
  } = env;
  if ((id === undefined) !== (secret === undefined))
    throw new Error('set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither');
  return new S3Client({
    region: env.AWS_REGION || 'us-east-1',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(endpoint ? { endpoint } : {}),
    ...(id !== undefined && secret !== undefined
      ? { credentials: { accessKeyId: id, secretAccessKey: secret } }
      : {}),
  });
}

/**
 * Uploads a backup folder (as backupSchema wrote it) under `loc`: every file the manifest names,
 * then manifest.json last, so a prefix without a manifest is an upload that did not finish and
 * restore refuses it. Reads each file in parts of `partBytes` (memory stays bounded).
 */
export async function uploadBackup(
  client: S3Client,
  loc: S3Location,
  dir: string,
  opts: { partBytes?: number } = {},
): Promise<void> {
  const manifest = await readManifest(dir);
  const files = [manifest.schemaFile.file, ...manifest.tables.map((t) => t.file)];
  for (const file of files)
    await uploadFile(client, loc.bucket, keyOf(loc, file), path.join(dir, file), opts.partBytes);
  await uploadFile(client, loc.bucket, keyOf(loc, MANIFEST_FILE), path.join(dir, MANIFEST_FILE));
}

async function uploadFile(
  client: S3Client,
  bucket: string,
  key: string,
  file: string,
  partBytes = PART_BYTES,
): Promise<void> {
  const size = (await stat(file)).size;
  const handle = await open(file, 'r');
  try {
    const read = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      if (bytesRead !== length) throw new Error(`${file}: short read at ${position}`);
      return buffer;
    };
    if (size <= partBytes) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: await read(0, size) }),
      );
      return;
    }
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }),
    );
    if (!UploadId) throw new Error(`${key}: the server started no multipart upload`);
    try {
      const parts: { ETag: string; PartNumber: number }[] = [];
      for (let at = 0, n = 1; at < size; at += partBytes, n++) {
        const { ETag } = await client.send(
          new UploadPartCommand({
            Bucket: bucket,
            Key: key,
            UploadId,
            PartNumber: n,
            Body: await read(at, Math.min(partBytes, size - at)),
          }),
        );
        if (!ETag) throw new Error(`${key}: part ${n} has no ETag`);
        parts.push({ ETag, PartNumber: n });
      }
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (err) {
      // A half-made upload costs storage until aborted.
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId }))
        .catch(() => undefined);
      throw err;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Downloads the backup at `loc` (…/<service>/<timestamp>) into `dir`: manifest.json first (at
 * most 1 MiB, checked as restore checks it), then exactly the files it names, each refused when
 * the server's size differs from the manifest's or the body runs past it. The checksums are then
 * verifyBackup's job, on the local copy, before any database is touched.
 */
export async function downloadBackup(
  client: S3Client,
  loc: S3Location,
  dir: string,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await downloadFile(client, loc, MANIFEST_FILE, dir, { max: MANIFEST_MAX_BYTES });
  const manifest = await readManifest(dir);
  await downloadFile(client, loc, manifest.schemaFile.file, dir, { max: 64 * 1024 * 1024 });
  for (const table of manifest.tables)
    await downloadFile(client, loc, table.file, dir, { exact: table.bytes });
}

async function downloadFile(
  client: S3Client,
  loc: S3Location,
  file: string,
  dir: string,
  size: { max: number } | { exact: number },
): Promise<void> {
  const key = keyOf(loc, file);
  const where = `${s3Url(loc)}/${file}`;
  let object;
  try {
    object = await client.send(new GetObjectCommand({ Bucket: loc.bucket, Key: key }));
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'NoSuchKey' || name === 'NotFound')
      throw new RestoreError(
        file === MANIFEST_FILE ? 'BAD_MANIFEST' : 'CORRUPT_BACKUP',
        `${where} does not exist`,
      );
    throw err;
  }
  const limit = 'exact' in size ? size.exact : size.max;
  if (
    object.ContentLength !== undefined &&
    ('exact' in size ? object.ContentLength !== limit : object.ContentLength > limit)
  )
    throw new RestoreError(
      'CORRUPT_BACKUP',
      `${where}: ${object.ContentLength} bytes where the manifest says ${limit}`,
    );
  const body = object.Body;
  if (!(body instanceof Readable)) throw new Error(`${where}: no body stream`);
  let seen = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit)
        done(
          new RestoreError('CORRUPT_BACKUP', `${where}: longer than the ${limit} bytes expected`),
        );
      else done(null, chunk);
    },
  });
  await pipeline(body, cap, createWriteStream(path.join(dir, file)));
  if ('exact' in size && seen !== limit)
    throw new RestoreError(
      'CORRUPT_BACKUP',
      `${where}: ${seen} bytes where the manifest says ${limit}`,
    );
}
