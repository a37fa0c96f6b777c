import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@kavosh/service-kit';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../config.js';
import { createPosterStorage, lazily } from './from-config.js';
import { createLocalDiskStorage } from './local-disk.js';

const REQUIRED = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/kavosh_catalog',
  CURSOR_SECRET: 'x'.repeat(32),
  MEDIA_SIGNING_SECRET: 'y'.repeat(32),
};

describe('poster storage configuration', () => {
  it('defaults to the local disk, 5 MiB and path-style S3 settings', () => {
    expect(readConfig(REQUIRED)).toMatchObject({
      POSTER_STORAGE: 'local',
      POSTER_DIR: 'var/posters',
      POSTER_MAX_BYTES: 5_242_880,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: true,
    });
  });

  it('refuses POSTER_STORAGE=s3 without S3_BUCKET, naming the variable', () => {
    let error: unknown;
    try {
      readConfig({ ...REQUIRED, POSTER_STORAGE: 's3' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = error instanceof ConfigError ? error.problems : [];
    expect(problems.map((p) => p.variable)).toEqual(['S3_BUCKET']);
    expect(() =>
      readConfig({ ...REQUIRED, POSTER_STORAGE: 's3', S3_BUCKET: 'posters' }),
    ).not.toThrow();
  });

  it.each([
    ['POSTER_STORAGE', 'ftp'],
    ['POSTER_MAX_BYTES', '10'],
    ['S3_ENDPOINT', 'minio:9000'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => readConfig({ ...REQUIRED, [name]: value })).toThrow(ConfigError);
  });

  it('writes to an absolute POSTER_DIR as given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kavosh-poster-dir-'));
    try {
      const config = readConfig({ ...REQUIRED, POSTER_DIR: join(dir, 'store') });
      const storage = createPosterStorage(config);
      await storage.put('abc123', Buffer.from('x'), 'image/png');
      expect(await readdir(join(dir, 'store'))).toContain('abc123');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('builds a lazy store on its first operation, once, and never when it is not used', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kavosh-poster-lazy-'));
    try {
      let built = 0;
      const create = async () => {
        built += 1;
        return createLocalDiskStorage({ dir });
      };
      lazily(create).close();
      const storage = lazily(create);
      expect(built).toBe(0);
      expect(await storage.exists('abc123')).toBe(false);
      await storage.put('abc123', Buffer.from('poster'), 'image/png');
      const stored = await storage.get('abc123');
      expect(stored?.contentType).toBe('image/png');
      stored?.body.destroy();
      expect(built).toBe(1);
      storage.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
