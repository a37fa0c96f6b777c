import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRecord, repoRoot } from './support/kustomize.js';

// The media origin as compose runs it: infra/nginx/media.conf.template rendered the way the nginx
// image's entrypoint does (envsubst over the variables NGINX_ENVSUBST_FILTER selects, taken from
// compose's `media` environment), then served by a real nginx. The k8s ConfigMap holds the same
// values (policy.test.ts). .ci/run installs nginx (and envsubst, from gettext-base) when missing.
// services/catalog/src/playback/playback.test.ts checks the signed URLs themselves.

const compose: unknown = parse(await readFile(join(repoRoot, 'docker-compose.yml'), 'utf8'), {
  merge: true,
});
const services = isRecord(compose) && isRecord(compose.services) ? compose.services : {};
const media = isRecord(services.media) ? services.media : {};
const composeEnv: Record<string, string> = Object.fromEntries(
  Object.entries(isRecord(media.environment) ? media.environment : {}).map(([k, v]) => [
    k,
    // ${VAR:?…} as compose resolves it from the .env npm run compose:env generates.
    String(v).replace(/\$\{[A-Z_]+:\?[^}]*\}/g, () => randomBytes(32).toString('base64url')),
  ]),
);

function findNginx(): string {
  for (const candidate of ['nginx', '/usr/sbin/nginx'])
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  throw new Error('nginx is not installed (apt-get install nginx; .ci/run does it)');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** What the image's 20-envsubst-on-templates.sh does: substitute only the filtered variables. */
function renderLikeTheImage(template: string, env: Record<string, string>): string {
  if (spawnSync('envsubst', ['--version'], { stdio: 'ignore' }).status !== 0)
    throw new Error('envsubst is not installed (apt-get install gettext-base)');
  const filter = new RegExp(env.NGINX_ENVSUBST_FILTER ?? '');
  const defined = Object.keys(env)
    .filter((name) => filter.test(name))
    .map((name) => `\${${name}}`)
    .join(' ');
  return execFileSync('envsubst', [defined], {
    input: template,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

describe('the media origin as docker compose runs it', () => {
  let dir: string;
  let url: string;
  let rendered: string;
  let nginx: ChildProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kavosh-media-origin-'));
    await chmod(dir, 0o755);
    await mkdir(join(dir, 'root/media'), { recursive: true });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const template = await readFile(join(repoRoot, 'infra/nginx/media.conf.template'), 'utf8');
    rendered = renderLikeTheImage(template, {
      ...composeEnv,
      // Loopback and a temporary root instead of the container's 8081 and /srv.
      MEDIA_LISTEN_PORT: `127.0.0.1:${port}`,
      MEDIA_ROOT: join(dir, 'root'),
    });
    await writeFile(join(dir, 'media.conf'), rendered);
    const temp = (kind: string) => `  ${kind}_temp_path ${join(dir, `${kind}_temp`)};`;
    await writeFile(
      join(dir, 'nginx.conf'),
      [
        'daemon off;',
        'worker_processes 1;',
        `pid ${join(dir, 'nginx.pid')};`,
        `error_log ${join(dir, 'error.log')} warn;`,
        'events { worker_connections 64; }',
        'http {',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp),
        `  include ${join(dir, 'media.conf')};`,
        '}',
      ].join('\n'),
    );
    const child = spawn(
      findNginx(),
      ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')],
      { stdio: 'ignore' },
    );
    nginx = child;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`nginx exited: ${await readFile(join(dir, 'error.log'), 'utf8')}`);
      try {
        await fetch(`${url}/`);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error('nginx did not start', { cause: err });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('takes the signing secret from the same variable, with the same default, as catalog', () => {
    const catalog = isRecord(services.catalog) ? services.catalog : {};
    const catalogEnv = isRecord(catalog.environment) ? catalog.environment : {};
    const mediaEnv = isRecord(media.environment) ? media.environment : {};
    expect(mediaEnv.MEDIA_SIGNING_SECRET).toBe(catalogEnv.MEDIA_SIGNING_SECRET);
    // catalog hands out URLs on the port compose publishes the origin on.
    expect(new URL(String(catalogEnv.MEDIA_ORIGIN_URL)).port).toBe(mediaEnv.MEDIA_LISTEN_PORT);
    expect(media.ports).toEqual([
      `127.0.0.1:\${MEDIA_HOST_PORT:-${mediaEnv.MEDIA_LISTEN_PORT}}:8081`,
    ]);
    expect(media.volumes).toContain(
      './infra/nginx/media.conf.template:/etc/nginx/templates/media.conf.template:ro',
    );
    expect(media.volumes).toContain(`media-files:${mediaEnv.MEDIA_ROOT}/media:ro`);
    expect(String(media.image)).toMatch(/^nginxinc\/nginx-unprivileged:\d+\.\d+\.\d+-alpine$/);
  });

  it("substitutes only the MEDIA_ variables, leaving nginx's own", () => {
    expect(rendered).not.toMatch(/\$\{MEDIA_/);
    expect(rendered).toContain(composeEnv.MEDIA_SIGNING_SECRET);
    for (const own of ['$secure_link_expires$uri', '$arg_md5,$arg_expires', '$request_method'])
      expect(rendered).toContain(own);
  });

  it('answers the probes, refuses unsigned media and serves nothing else', async () => {
    for (const path of ['/health/live', '/health/ready']) {
      const res = await fetch(`${url}${path}`);
      expect([path, res.status]).toEqual([path, 200]);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
    expect((await fetch(`${url}/media/movie-1.mp4`)).status).toBe(403);
    expect((await fetch(`${url}/health`)).status).toBe(404);
    expect((await fetch(`${url}/`)).status).toBe(404);
  });
});
