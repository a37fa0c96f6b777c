import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import mariadb from 'mariadb';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@kavosh/db';
import { createTestDatabase, freePort, type TestDatabase } from '@kavosh/testing';
import {
  backupSchema,
  downloadBackup,
  parseS3Url,
  RestoreError,
  s3ClientFromEnv,
  uploadBackup,
  type BackupManifest,
} from './support/tool.js';

// Issue #21.3: backups to an S3-compatible bucket, against a real one (s3rver, in this process,
// speaking S3's HTTP API with signature checks): npm run backup -- … --to s3://… and npm run
// restore from such a URL, with the same manifest and checksum checks as a folder.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CATALOG_MIGRATIONS = path.join(ROOT, 'services/catalog/prisma/migrations');
const BUCKET = 'kavosh-backups';
const run = promisify(execFile);

function connect(url: string) {
  const u = new URL(url);
  return mariadb.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  });
}

describe('backups to an S3-compatible bucket', () => {
  let server: S3rver;
  let scratch: string;
  let env: Record<string, string>;
  const databases: TestDatabase[] = [];
  let source: TestDatabase;

  const database = async (label: string) => {
    const db = await createTestDatabase({ label });
    databases.push(db);
    return db;
  };
  const s3 = () => s3ClientFromEnv(env);

  /** npm run backup|restore -- …, with the S3 variables, from the repo root. */
  async function script(name: 'backup' | 'restore', args: string[]) {
    const { FORCE_COLOR: _force, NO_COLOR: _no, ...rest } = process.env;
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['--import', 'tsx', '--conditions=source', `scripts/${name}.ts`, ...args],
        { cwd: ROOT, env: { ...rest, ...env, NO_COLOR: '1' } },
      );
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  }

  async function tablesIn(db: TestDatabase): Promise<number> {
    const conn = await connect(db.url);
    try {
      const [row]: { n: bigint }[] = await conn.query(
        'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()',
      );
      return Number(row?.n ?? -1);
    } finally {
      await conn.end();
    }
  }

  async function keysUnder(prefix: string): Promise<string[]> {
    const client = s3();
    try {
      const listed = await client.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }),
      );
      return (listed.Contents ?? []).map((o) => o.Key ?? '').sort();
    } finally {
      client.destroy();
    }
  }

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'kavosh-s3-backup-'));
    const port = await freePort();
    server = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory: path.join(scratch, 's3'),
      configureBuckets: [{ name: BUCKET }],
    });
    await server.run();
    // s3rver's fixed key pair; it checks every request's signature with it.
    env = {
      BACKUP_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'eu-central-1',
    };
    source = await database('bk_s3_src');
    await migrate({ databaseUrl: source.url, migrationsDir: CATALOG_MIGRATIONS });
    const conn = await connect(source.url);
    try {
      for (let i = 0; i < 40; i++) {
        const id = randomUUID();
        await conn.query('INSERT INTO genres (id, slug, name) VALUES (?, ?, ?)', [
          id,
          `s3-${i}`,
          `Genre ${i} ü`,
        ]);
        await conn.query(
          'INSERT INTO outbox (event_id, type, subject, envelope) VALUES (?, ?, ?, ?)',
          [randomUUID(), 'catalog.genre.created', id, JSON.stringify({ genre: id })],
        );
      }
    } finally {
      await conn.end();
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    for (const db of databases) await db.drop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('backs up to s3:// and restores from it: every table with the same rows and content checksums', async () => {
    const backup = await script('backup', [
      'catalog',
      '--to',
      `s3://${BUCKET}/nightly`,
      '--database-url',
      source.url,
    ]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const url = /→ (s3:\/\/\S+)/.exec(backup.stdout)?.[1] ?? '';
    expect(url).toMatch(new RegExp(`^s3://${BUCKET}/nightly/catalog/\\d{8}T\\d{9}Z$`));
    const prefix = parseS3Url(url).prefix;
    const keys = await keysUnder(`${prefix}/`);
    expect(keys).toContain(`${prefix}/manifest.json`);
    expect(keys).toContain(`${prefix}/genres.ndjson.gz`);
    expect(keys).toContain(`${prefix}/schema.sql`);

    const target = await database('bk_s3_dst');
    const restored = await script('restore', ['catalog', url, '--database-url', target.url]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('migrations applied: none');

    // The restored schema, backed up again, has the source's rows and contents table by table.
    const client = s3();
    let original: BackupManifest;
    try {
      const object = await client.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: `${prefix}/manifest.json` }),
      );
      original = JSON.parse(await (object.Body?.transformToString() ?? '')) as BackupManifest;
    } finally {
      client.destroy();
    }
    const again = await backupSchema({
      service: 'catalog',
      databaseUrl: target.url,
      root: path.join(scratch, 'again'),
      toolVersion: 'test',
    });
    const summary = (m: BackupManifest) =>
      m.tables.map((t) => ({ name: t.name, rows: t.rows, content: t.contentSha256 }));
    expect(summary(again.manifest)).toEqual(summary(original));
    expect(original.tables.find((t) => t.name === 'genres')?.rows).toBe(40);
    expect(original.tables.find((t) => t.name === 'outbox')?.rows).toBe(40);
  }, 240_000);

  it('refuses an object whose bytes changed in the bucket, before the schema is touched', async () => {
    const { dir, manifest } = await backupSchema({
      service: 'catalog',
      databaseUrl: source.url,
      root: path.join(scratch, 'local'),
      toolVersion: 'test',
    });
    const location = { bucket: BUCKET, prefix: `corrupt/catalog/${path.basename(dir)}` };
    const client = s3();
    try {
      await uploadBackup(client, location, dir);
      // Same length, one byte flipped: only the checksum can tell.
      const genres = manifest.tables.find((t) => t.name === 'genres');
      if (!genres) throw new Error('no genres table in the backup');
      const bytes = await readFile(path.join(dir, genres.file));
      bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: `${location.prefix}/${genres.file}`,
          Body: bytes,
        }),
      );
    } finally {
      client.destroy();
    }
    const target = await database('bk_s3_bad');
    const url = `s3://${BUCKET}/${location.prefix}`;
    const refused = await script('restore', ['catalog', url, '--database-url', target.url]);
    expect(refused.code).toBe(1);
    // gunzip's CRC or the manifest's SHA-256, whichever reads the flipped byte first.
    expect(refused.stderr).toMatch(/^CORRUPT_BACKUP: genres\.ndjson\.gz: /);
    expect(await tablesIn(target)).toBe(0);

    // A truncated object is refused while downloading: its size is not the manifest's.
    const truncated = s3();
    try {
      await truncated.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: `${location.prefix}/outbox.ndjson.gz`,
          Body: Buffer.from('short'),
        }),
      );
      const err = await downloadBackup(truncated, location, path.join(scratch, 'dl-bad')).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RestoreError);
      expect(err).toMatchObject({ code: 'CORRUPT_BACKUP' });
    } finally {
      truncated.destroy();
    }
  }, 240_000);

  it('uploads a file larger than one part in parts, and reads back the same bytes', async () => {
    const { dir, manifest } = await backupSchema({
      service: 'catalog',
      databaseUrl: source.url,
      root: path.join(scratch, 'parts'),
      toolVersion: 'test',
    });
    const location = { bucket: BUCKET, prefix: `parts/catalog/${path.basename(dir)}` };
    const client = s3();
    try {
      // Parts of 100 bytes: the genres file (about 1 KiB gzipped) goes up as a multipart upload.
      await uploadBackup(client, location, dir, { partBytes: 100 });
      const into = path.join(scratch, 'parts-back');
      await downloadBackup(client, location, into);
      for (const table of manifest.tables)
        expect(await readFile(path.join(into, table.file))).toEqual(
          await readFile(path.join(dir, table.file)),
        );
    } finally {
      client.destroy();
    }
  }, 120_000);

  it('refuses s3:// URLs that name no bucket S3 allows, or a prefix that walks up', () => {
    expect(parseS3Url('s3://kavosh-backups/nightly/catalog/')).toEqual({
      bucket: 'kavosh-backups',
      prefix: 'nightly/catalog',
    });
    expect(parseS3Url('s3://kavosh-backups')).toEqual({ bucket: 'kavosh-backups', prefix: '' });
    for (const bad of ['s3://Bad_Bucket/x', 's3://b/x', 's3://backups/../x', 's3://backups//x'])
      expect(() => parseS3Url(bad), bad).toThrow(/s3:\/\/|prefix/);
  });

  it('refuses a prefix that holds no manifest (an upload that never finished)', async () => {
    const client = s3();
    try {
      const err = await downloadBackup(
        client,
        { bucket: BUCKET, prefix: 'nothing/here' },
        path.join(scratch, 'dl-none'),
      ).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'BAD_MANIFEST' });
    } finally {
      client.destroy();
    }
  });
});
