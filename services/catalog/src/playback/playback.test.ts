import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@kavosh/service-kit';
import { eventually, freePort } from '@kavosh/testing';
import { readConfig } from '../config.js';
import { createDatabase, type Database } from '../db.js';
import { startCatalog, TEST_MEDIA_SIGNING_SECRET } from '../../test/helper.js';
import { testTokens } from '@kavosh/auth-client/testing';
import { secureLinkHash, signMediaUrl } from './signing.js';

const TEMPLATE = fileURLToPath(
  new URL('../../../../infra/nginx/media.conf.template', import.meta.url),
);

/** nginx on PATH or where Debian puts it; .ci/run installs it when missing. */
function findNginx(): string {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) {
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error('nginx is not installed (apt-get install nginx; .ci/run does it)');
}

/** Fills ${NAME} placeholders the way the nginx image's envsubst does; any left over is a bug. */
function render(template: string, values: Record<string, string>): string {
  const out = template.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for \${${name}}`);
    return value;
  });
  return out;
}

interface Origin {
  url: string;
  root: string;
  stop(): Promise<void>;
}

/** A real nginx with the shipped template, in a temp prefix, on a free port. */
async function startOrigin(port: number): Promise<Origin> {
  const nginx = findNginx();
  const dir = await mkdtemp(join(tmpdir(), 'kavosh-media-'));
  const root = join(dir, 'root');
  await mkdir(join(root, 'media'), { recursive: true });
  // Workers may run as an unprivileged user when the test runs as root.
  await chmod(dir, 0o755);
  const server = render(await readFile(TEMPLATE, 'utf8'), {
    MEDIA_SIGNING_SECRET: TEST_MEDIA_SIGNING_SECRET,
    MEDIA_LISTEN_PORT: `127.0.0.1:${port}`,
    MEDIA_ROOT: root,
  });
  await writeFile(join(dir, 'media.conf'), server);
  const temp = (name: string) => join(dir, `${name}_temp`);
  await writeFile(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 64; }',
      'http {',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${temp(kind)};`,
      ),
      `  include ${join(dir, 'media.conf')};`,
      '}',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    nginx,
    ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`nginx exited: ${await readFile(join(dir, 'error.log'), 'utf8')}`);
        expect((await fetch(`${url}/`)).status).toBe(404);
      },
      { within: 10_000, message: 'nginx did not start' },
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url,
    root,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let origin: Origin;
let svc: Awaited<ReturnType<typeof startCatalog>>;
let db: Database;
let userToken: string;
const subscriberId = randomUUID();
let subscriberToken: string;

beforeAll(async () => {
  const port = await freePort();
  origin = await startOrigin(port);
  svc = await startCatalog({ env: { MEDIA_ORIGIN_URL: origin.url } });
  db = createDatabase(svc.databaseUrl);
  const tokens = await testTokens();
  userToken = await tokens.tokenFor();
  subscriberToken = await tokens.tokenFor({ userId: subscriberId });
  await db.entitlement.create({
    data: {
      subscriptionId: randomUUID(),
      userId: subscriberId,
      tier: 'premium',
      state: 'active',
      validUntil: new Date(Date.now() + 30 * 86_400_000),
      factAt: new Date(),
    },
  });
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await svc?.close();
  await origin?.stop();
});

/** A movie row plus its media file on the origin; returns the id and the file's bytes. */
async function movie(opts: { premium?: boolean; status?: string } = {}) {
  const id = randomUUID();
  const streamKey = `${id}/feature film.mp4`;
  await db.movie.create({
    data: {
      id,
      slug: `film-${id}`,
      title: 'A film',
      synopsis: 'Someone goes somewhere.',
      year: 2021,
      premium: opts.premium ?? false,
      status: opts.status ?? 'published',
      streamKey,
    },
  });
  const bytes = randomBytes(4096);
  const file = join(origin.root, 'media', streamKey);
  await mkdir(dirname(file), { recursive: true, mode: 0o755 });
  await chmod(dirname(file), 0o755);
  await writeFile(file, bytes, { mode: 0o644 });
  return { id, streamKey, bytes };
}

const playback = (id: string, token?: string) =>
  svc.app.inject({
    url: `/movies/${id}/playback`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('GET /movies/:id/playback', () => {
  it('answers a signed URL that the real nginx origin serves, for a free title', async () => {
    const { id, bytes } = await movie();
    const before = Math.floor(Date.now() / 1000);
    const res = await playback(id, userToken);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const { url, expiresAt } = res.json<{ url: string; expiresAt: string }>();
    const signed = new URL(url);
    expect(signed.origin).toBe(origin.url);
    expect(signed.pathname).toBe(`/media/${id}/feature%20film.mp4`);
    const expires = Number(signed.searchParams.get('expires'));
    expect(new Date(expires * 1000).toISOString()).toBe(expiresAt);
    // PLAYBACK_URL_TTL_SECONDS defaults to 300.
    expect(expires - before).toBeGreaterThanOrEqual(300);
    expect(expires - before).toBeLessThanOrEqual(302);

    const media = await fetch(url);
    expect(media.status).toBe(200);
    expect(Buffer.from(await media.arrayBuffer())).toEqual(bytes);
  });

  it('refuses an altered hash, path or expiry with 403, and an expired URL with 410', async () => {
    const { id } = await movie();
    const other = await movie();
    const { url } = (await playback(id, userToken)).json<{ url: string }>();
    const signed = new URL(url);

    const alteredHash = new URL(signed);
    const hash = signed.searchParams.get('md5') ?? '';
    alteredHash.searchParams.set('md5', `${hash[0] === 'A' ? 'B' : 'A'}${hash.slice(1)}`);
    expect((await fetch(alteredHash)).status).toBe(403);

    const alteredPath = new URL(signed);
    alteredPath.pathname = `/media/${other.id}/feature%20film.mp4`;
    expect((await fetch(alteredPath)).status).toBe(403);

    const laterExpiry = new URL(signed);
    laterExpiry.searchParams.set(
      'expires',
      String(Number(signed.searchParams.get('expires')) + 3600),
    );
    expect((await fetch(laterExpiry)).status).toBe(403);

    const unsigned = new URL(signed);
    unsigned.search = '';
    expect((await fetch(unsigned)).status).toBe(403);

    // Signed the way catalog signs, with the right secret, but an hour ago for 5 minutes.
    const expired = signMediaUrl({
      origin: origin.url,
      streamKey: `${id}/feature film.mp4`,
      secret: TEST_MEDIA_SIGNING_SECRET,
      ttlSeconds: 300,
      now: new Date(Date.now() - 3_600_000),
    });
    expect((await fetch(expired.url)).status).toBe(410);
    // The same path signed with another secret is not accepted either.
    const forged = signMediaUrl({
      origin: origin.url,
      streamKey: `${id}/feature film.mp4`,
      secret: 'x'.repeat(40),
      ttlSeconds: 300,
      now: new Date(),
    });
    expect((await fetch(forged.url)).status).toBe(403);
  });

  it('needs an active premium entitlement for a premium title', async () => {
    const { id, bytes } = await movie({ premium: true });
    const denied = await playback(id, userToken);
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(denied.json()).toMatchObject({ status: 403, code: 'SUBSCRIPTION_REQUIRED' });

    const allowed = await playback(id, subscriberToken);
    expect(allowed.statusCode).toBe(200);
    const media = await fetch(allowed.json<{ url: string }>().url);
    expect(Buffer.from(await media.arrayBuffer())).toEqual(bytes);
  });

  it('issues a premium title to a partner holding playback:issue (as the gateway forwards it), not to one without', async () => {
    const { id, bytes } = await movie({ premium: true });
    const asPartner = (scopes: string) =>
      svc.app.inject({
        url: `/movies/${id}/playback`,
        headers: { 'x-internal-partner': `${randomUUID()};acme;${scopes}` },
      });
    const allowed = await asPartner('catalog:read,playback:issue');
    expect(allowed.statusCode).toBe(200);
    const media = await fetch(allowed.json<{ url: string }>().url);
    expect(Buffer.from(await media.arrayBuffer())).toEqual(bytes);
    const refused = await asPartner('catalog:read');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'PARTNER_SCOPE_FORBIDDEN' });
  });

  it('is 401 without a token, 404 for a draft or unknown movie, 400 for a malformed id', async () => {
    const { id } = await movie();
    const anonymous = await playback(id);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });

    const draft = await movie({ status: 'draft' });
    const hidden = await playback(draft.id, userToken);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ code: 'MOVIE_NOT_FOUND' });
    const unpublished = await movie({ status: 'unpublished', premium: true });
    expect((await playback(unpublished.id, subscriberToken)).statusCode).toBe(404);
    expect((await playback(randomUUID(), userToken)).statusCode).toBe(404);

    const malformed = await playback('not-a-uuid', userToken);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('a stream key nginx would rewrite', () => {
  it('is 409 STREAM_UNAVAILABLE instead of a URL the origin would refuse', async () => {
    for (const streamKey of ['a//b.mp4', 'a/../b.mp4', './b.mp4', 'b/']) {
      const id = randomUUID();
      await db.movie.create({
        data: {
          id,
          slug: `odd-${id}`,
          title: 'Odd',
          synopsis: 'Its stream key is odd.',
          year: 2022,
          status: 'published',
          streamKey,
        },
      });
      const res = await playback(id, userToken);
      expect([streamKey, res.statusCode, res.json().code]).toEqual([
        streamKey,
        409,
        'STREAM_UNAVAILABLE',
      ]);
    }
  });
});

describe('the playback route in /openapi.json', () => {
  it('is documented with its parameters, answer and problems', async () => {
    const spec = (await svc.app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, { get?: { tags?: string[]; responses?: Record<string, unknown> } }>;
    }>();
    const operation = spec.paths['/movies/{id}/playback']?.get;
    expect(operation?.tags).toEqual(['playback']);
    expect(Object.keys(operation?.responses ?? {}).sort()).toEqual([
      '200',
      '401',
      '403',
      '404',
      '409',
    ]);
  });
});

describe('MEDIA_SIGNING_SECRET', () => {
  const env = (secret?: string) => ({
    DATABASE_URL: 'mysql://catalog@127.0.0.1:3306/kavosh_catalog',
    CURSOR_SECRET: 'c'.repeat(32),
    ...(secret === undefined ? {} : { MEDIA_SIGNING_SECRET: secret }),
  });
  const problemWith = (secret?: string): string => {
    try {
      readConfig(env(secret));
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    return 'accepted';
  };

  it('is required, at least 32 characters, and free of what nginx would interpolate', () => {
    expect(problemWith(undefined)).toMatch(/MEDIA_SIGNING_SECRET/);
    const short = 'abc123';
    expect(problemWith(short)).toMatch(/MEDIA_SIGNING_SECRET/);
    const dollar = `${'a'.repeat(32)}$uri`;
    const quote = `${'a'.repeat(32)}"`;
    for (const bad of [dollar, quote]) {
      const message = problemWith(bad);
      expect(message).toMatch(/MEDIA_SIGNING_SECRET/);
      // The message names the variable, never the value.
      expect(message).not.toContain(bad);
    }
    expect(problemWith(TEST_MEDIA_SIGNING_SECRET)).toBe('accepted');
  });
});

describe('secure link hash', () => {
  it("matches nginx's documented example", () => {
    // nginx docs: secure_link_md5 "$secure_link_expires$uri$remote_addr secret" for /s/link
    // from 127.0.0.1 gives md5=_e4Nc3iduzkWRm01TBBNYw with expires=2147483647.
    expect(secureLinkHash(2147483647, '/s/link127.0.0.1', 'secret')).toBe('_e4Nc3iduzkWRm01TBBNYw');
  });
});
