import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertStorageKey, type ObjectStorage } from './storage.js';

interface Metadata {
  contentType: string;
}

const isMetadata = (value: unknown): value is Metadata =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { contentType?: unknown }).contentType === 'string';

const isMissing = (err: unknown): boolean =>
  err instanceof Error && (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Objects as files in one directory: `<key>` holds the bytes, `<key>.meta.json` the content
 * type. Each file is written to a temporary name and renamed, so a reader never sees half an
 * object; the metadata goes first, so an object that exists always has its metadata.
 */
export function createLocalDiskStorage(opts: { dir: string }): ObjectStorage {
  const { dir } = opts;
  let ready: Promise<unknown> | undefined;
  const ensureDir = () => (ready ??= mkdir(dir, { recursive: true }));

  async function writeAtomically(path: string, data: Buffer | string): Promise<void> {
    const temp = join(dir, `.tmp-${randomUUID()}`);
    try {
      await writeFile(temp, data, { flag: 'wx' });
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  const blobPath = (key: string) => {
    assertStorageKey(key);
    return join(dir, key);
  };

  return {
    async put(key, bytes, contentType) {
      const path = blobPath(key);
      await ensureDir();
      const meta: Metadata = { contentType };
      await writeAtomically(`${path}.meta.json`, JSON.stringify(meta));
      await writeAtomically(path, bytes);
    },

    async get(key) {
      const path = blobPath(key);
      let size: number;
      let meta: unknown;
      try {
        size = (await stat(path)).size;
        meta = JSON.parse(await readFile(`${path}.meta.json`, 'utf8'));
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
      if (!isMetadata(meta)) throw new Error(`corrupt metadata for stored object ${key}`);
      return { body: createReadStream(path), contentType: meta.contentType, size };
    },

    async exists(key) {
      try {
        return (await stat(blobPath(key))).isFile();
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },

    close() {
      // Nothing is held open between calls.
    },
  };
}
