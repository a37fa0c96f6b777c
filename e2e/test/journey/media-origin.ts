import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { eventually, freePort } from '@kavosh/testing';
import { ROOT } from '../processes.js';

export interface MediaOrigin {
  url: string;
  /** Writes a media file where `/media/<streamKey>` is served from. */
  put(streamKey: string, bytes: Buffer): Promise<void>;
  stop(): Promise<void>;
}

function findNginx(): string {
  for (const candidate of ['nginx', '/usr/sbin/nginx'])
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  throw new Error('nginx is not installed (apt-get install nginx; .ci/run does it)');
}

/** Fills ${NAME} placeholders as the nginx image's envsubst does; nginx's own $vars stay. */
function render(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for \${${name}}`);
    return value;
  });
}

/**
 * A real nginx running the shipped infra/nginx/media.conf.template with catalog's signing
 * secret, in a temporary prefix on a free loopback port.
 */
export async function startMediaOrigin(signingSecret: string): Promise<MediaOrigin> {
  const nginx = findNginx();
  const dir = await mkdtemp(join(tmpdir(), 'kavosh-journey-media-'));
  const root = join(dir, 'root');
  await mkdir(join(root, 'media'), { recursive: true });
  // nginx workers may run as an unprivileged user when the test runs as root.
  await chmod(dir, 0o755);
  await chmod(root, 0o755);
  await chmod(join(root, 'media'), 0o755);
  const port = await freePort();
  const template = await readFile(join(ROOT, 'infra/nginx/media.conf.template'), 'utf8');
  await writeFile(
    join(dir, 'media.conf'),
    render(template, {
      MEDIA_SIGNING_SECRET: signingSecret,
      MEDIA_LISTEN_PORT: `127.0.0.1:${port}`,
      MEDIA_ROOT: root,
    }),
  );
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
    nginx,
    ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`nginx exited: ${await readFile(join(dir, 'error.log'), 'utf8')}`);
        const probe = await fetch(`${url}/health/ready`);
        if (probe.status !== 200) throw new Error(`nginx answered ${probe.status}`);
      },
      { within: 15_000, interval: 100, message: 'nginx did not start' },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    async put(streamKey, bytes) {
      const file = join(root, 'media', streamKey);
      await mkdir(dirname(file), { recursive: true, mode: 0o755 });
      // mkdir's mode is masked by the umask; the worker must be able to walk every level.
      for (let at = dirname(file); at.length > join(root, 'media').length; at = dirname(at))
        await chmod(at, 0o755);
      await writeFile(file, bytes, { mode: 0o644 });
    },
    stop,
  };
}
