import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDiskStorage } from './local-disk.js';
import { createS3Storage } from './s3.js';
import { isStorageKey, type ObjectStorage } from './storage.js';

const BYTES = Buffer.from('poster bytes \u0000\u00ff', 'latin1');
const KEY = createHash('sha256').update(BYTES).digest('hex');

/** What every adapter must do, run against each. */
function behavesAsStorage(make: () => ObjectStorage) {
  it('stores bytes with their type and reads them back as a stream', async () => {
    const storage = make();
    expect(await storage.exists(KEY)).toBe(false);
    expect(await storage.get(KEY)).toBeNull();
    await storage.put(KEY, BYTES, 'image/png');
    expect(await storage.exists(KEY)).toBe(true);
    const object = await storage.get(KEY);
    expect(object).not.toBeNull();
    expect(object?.contentType).toBe('image/png');
    expect(object?.size).toBe(BYTES.length);
    expect(object && (await buffer(object.body)).equals(BYTES)).toBe(true);
  });

  it('overwrites a key with the same bytes harmlessly', async () => {
    const storage = make();
    await storage.put(KEY, BYTES, 'image/png');
    await storage.put(KEY, BYTES, 'image/png');
    const object = await storage.get(KEY);
    expect(object && (await buffer(object.body)).equals(BYTES)).toBe(true);
  });

  it('refuses keys outside its alphabet, so no key names another path', async () => {
    const storage = make();
    for (const key of ['../etc/passwd', 'a/b', '.hidden', `${KEY}.meta`, 'UPPER', '', 'a--b']) {
      await expect(storage.put(key, BYTES, 'image/png')).rejects.toThrow(/invalid storage key/);
      await expect(storage.get(key)).rejects.toThrow(/invalid storage key/);
    }
  });
}

describe('isStorageKey', () => {
  it('accepts lower-case hex and dashed words only', () => {
    expect(isStorageKey(KEY)).toBe(true);
    expect(isStorageKey('poster-1')).toBe(true);
    expect(isStorageKey('a'.repeat(201))).toBe(false);
    expect(isStorageKey('-a')).toBe(false);
  });
});

describe('local disk storage', () => {
  let root: string;
  let n = 0;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kavosh-storage-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  // A directory per test, created by the adapter itself on first write.
  const make = () => createLocalDiskStorage({ dir: join(root, String((n += 1)), 'posters') });
  behavesAsStorage(make);

  it('leaves only the object and its metadata behind, no temporary files', async () => {
    const dir = join(root, 'clean');
    const storage = createLocalDiskStorage({ dir });
    await storage.put(KEY, BYTES, 'image/webp');
    expect((await readdir(dir)).sort()).toEqual([KEY, `${KEY}.meta.json`]);
  });
});

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A real HTTP server speaking just enough of the S3 REST API (PUT, GET, HEAD of an object) for
 * the adapter, and recording every request. No S3-compatible server runs offline here; this
 * checks what the SDK actually sends (path-style URL, signature, content type) over the wire.
 */
async function startFakeS3(): Promise<{
  endpoint: string;
  requests: Recorded[];
  close(): Promise<void>;
}> {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    void buffer(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://s3.test');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = url.pathname;
      if (req.method === 'PUT') {
        objects.set(path, { body, type: req.headers['content-type'] ?? '' });
        res.writeHead(200, { etag: '"e"' }).end();
        return;
      }
      const object = objects.get(path);
      if (!object) {
        res.writeHead(404, { 'content-type': 'application/xml' });
        res.end(
          req.method === 'HEAD'
            ? undefined
            : '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>no</Message></Error>',
        );
        return;
      }
      res.writeHead(200, {
        'content-type': object.type,
        'content-length': String(object.body.length),
      });
      res.end(req.method === 'HEAD' ? undefined : object.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('S3 storage', () => {
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  const made: ObjectStorage[] = [];
  beforeAll(async () => {
    s3 = await startFakeS3();
  });
  afterAll(async () => {
    for (const storage of made) storage.close();
    await s3.close();
  });

  let n = 0;
  const make = () => {
    const storage = createS3Storage({
      bucket: 'kavosh-posters',
      region: 'eu-central-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      // Each test its own prefix, as each local test has its own directory.
      keyPrefix: `t${(n += 1)}/`,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-test' },
    });
    made.push(storage);
    return storage;
  };
  behavesAsStorage(make);

  it('sends a signed, path-style PUT with the bytes and content type', async () => {
    const storage = make();
    s3.requests.length = 0;
    await storage.put(KEY, BYTES, 'image/jpeg');
    const [put] = s3.requests;
    expect(put?.method).toBe('PUT');
    expect(put?.url.split('?')[0]).toBe(`/kavosh-posters/t${n}/${KEY}`);
    expect(put?.headers['content-type']).toBe('image/jpeg');
    expect(put?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-central-1\/s3\/aws4_request, /,
    );
    // The SDK may frame the body (aws-chunked with a trailing checksum); the bytes are in it.
    expect(put?.body.includes(BYTES)).toBe(true);
  });

  it('surfaces a server error instead of treating it as a missing object', async () => {
    const broken = createS3Storage({
      bucket: 'kavosh-posters',
      region: 'eu-central-1',
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-test' },
    });
    made.push(broken);
    await expect(broken.exists(KEY)).rejects.toThrow();
  });
});
