// npm run images [-- [--committed] <name>...]: builds every image compose and the Kubernetes manifests name
// (scripts/lib/images/list.ts), from the official node image when a registry answers, otherwise
// from a local base (debootstrap + Node from the npm registry). Prints each image's size, the size
// of its own layers above its base, and its build time; fails when a process image's own layers
// pass 150 MB. A corporate proxy's CA bundle (NODE_EXTRA_CA_CERTS, or BUILD_CA_FILE) reaches
// `npm ci` as a BuildKit secret, never a layer. NODE_IMAGE forces a Node image (docs/deploy.md).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureLocalBase, ensureLocalNode } from './lib/images/base.js';
import {
  DOCKER,
  docker,
  dockerOrThrow,
  engineAnswers,
  imageSize,
  megabytes,
} from './lib/images/docker.js';
import {
  IMAGES,
  LOCAL_BASE_IMAGE,
  LOCAL_NODE_IMAGE,
  OFFICIAL_NODE_IMAGE,
  type ImageSpec,
} from './lib/images/list.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const OFFICIAL_DEBIAN_IMAGE = 'debian:bookworm-slim';
const PULL_TIMEOUT_MS = 60_000;
const log = (line: string) => console.log(`images | ${line}`);

/** Whether `image` is here or can be pulled within a minute. */
async function reachable(image: string): Promise<boolean> {
  if (imageSize(image) !== undefined) return true;
  const pull = docker(['pull', '--quiet', image]);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ code: number }>((resolve) => {
    timer = setTimeout(() => resolve({ code: -1 }), PULL_TIMEOUT_MS);
  });
  const { code } = await Promise.race([pull, timeout]).finally(() => clearTimeout(timer));
  return code === 0;
}

/** The Node and Debian images to build from: NODE_IMAGE, the official ones, or the local ones. */
async function chooseBases(): Promise<{ node: string; debian: string }> {
  if (process.env.NODE_IMAGE) {
    log(`NODE_IMAGE=${process.env.NODE_IMAGE} (from the environment)`);
    const debian = (await reachable(OFFICIAL_DEBIAN_IMAGE))
      ? OFFICIAL_DEBIAN_IMAGE
      : LOCAL_BASE_IMAGE;
    if (debian === LOCAL_BASE_IMAGE) await ensureLocalBase(log);
    return { node: process.env.NODE_IMAGE, debian };
  }
  if ((await reachable(OFFICIAL_NODE_IMAGE)) && (await reachable(OFFICIAL_DEBIAN_IMAGE))) {
    log(`building from the official ${OFFICIAL_NODE_IMAGE} and ${OFFICIAL_DEBIAN_IMAGE}`);
    return { node: OFFICIAL_NODE_IMAGE, debian: OFFICIAL_DEBIAN_IMAGE };
  }
  log(`no registry answers for ${OFFICIAL_NODE_IMAGE}: building from the local base`);
  await ensureLocalBase(log);
  await ensureLocalNode(log);
  return { node: LOCAL_NODE_IMAGE, debian: LOCAL_BASE_IMAGE };
}

function caFile(): string | undefined {
  const file = process.env.BUILD_CA_FILE ?? process.env.NODE_EXTRA_CA_CERTS;
  return file && existsSync(file) ? file : undefined;
}

interface Built {
  spec: ImageSpec;
  seconds: number;
  totalMb: number;
  ownMb: number;
}

/**
 * `--committed`: the build context of the repository's images is HEAD's tree (`git archive`), not
 * the working tree, so uncommitted edits in a shared checkout never reach an image.
 */
const committed = process.argv.includes('--committed');

async function build(spec: ImageSpec, bases: { node: string; debian: string }): Promise<Built> {
  const started = performance.now();
  const from = spec.from === 'node' ? bases.node : bases.debian;
  const args = ['build', '--progress=plain', '-f', spec.dockerfile, '-t', spec.tag];
  const buildArgs = {
    ...spec.buildArgs,
    ...(spec.from === 'node' ? { NODE_IMAGE: from } : { BASE_IMAGE: from }),
  };
  for (const [name, value] of Object.entries(buildArgs))
    args.push('--build-arg', `${name}=${value}`);
  const ca = caFile();
  if (ca !== undefined && spec.from === 'node') args.push('--secret', `id=ca,src=${ca}`);
  if (committed && spec.context === '.') {
    const archive = spawn('git', ['archive', '--format=tar', 'HEAD'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await dockerOrThrow([...args, '-'], { cwd: root, input: archive.stdout });
  } else {
    await dockerOrThrow([...args, spec.context], { cwd: root });
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const total = imageSize(spec.tag) ?? 0;
  const base = imageSize(from) ?? 0;
  return { spec, seconds, totalMb: megabytes(total), ownMb: megabytes(total - base) };
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((arg) => arg !== '--committed');
  const unknown = wanted.filter((name) => !IMAGES.some((spec) => spec.name === name));
  if (unknown.length > 0)
    throw new Error(
      `unknown image ${unknown.join(', ')}; known: ${IMAGES.map((s) => s.name).join(', ')}`,
    );
  if (!engineAnswers())
    throw new Error(`no Docker engine answers \`${DOCKER} info\` (start dockerd; docs/deploy.md)`);
  const started = performance.now();
  const bases = await chooseBases();
  const specs = wanted.length > 0 ? IMAGES.filter((spec) => wanted.includes(spec.name)) : IMAGES;
  const built: Built[] = [];
  for (const spec of specs) {
    log(`${spec.tag}: building`);
    const result = await build(spec, bases);
    log(`${spec.tag}: ${result.seconds} s, ${result.totalMb} MB (own layers ${result.ownMb} MB)`);
    built.push(result);
  }
  console.log('');
  console.log(
    'image                                | build s | total MB | own MB | own-layer goal',
  );
  for (const { spec, seconds, totalMb, ownMb } of built) {
    const goal =
      spec.maxOwnMb === undefined
        ? ''
        : `≤ ${spec.maxOwnMb} ${ownMb <= spec.maxOwnMb ? 'met' : 'MISSED'}`;
    console.log(
      `${spec.tag.padEnd(36)} | ${String(seconds).padStart(7)} | ${String(totalMb).padStart(8)} | ${String(ownMb).padStart(6)} | ${goal}`,
    );
  }
  console.log(
    `bases: node ${bases.node} (${megabytes(imageSize(bases.node) ?? 0)} MB), debian ${bases.debian} (${megabytes(imageSize(bases.debian) ?? 0)} MB); ${built.length} images in ${Math.round((performance.now() - started) / 1000)} s`,
  );
  const missed = built.filter((b) => b.spec.maxOwnMb !== undefined && b.ownMb > b.spec.maxOwnMb);
  if (missed.length > 0)
    throw new Error(
      `own layers above the goal: ${missed.map((b) => `${b.spec.tag} ${b.ownMb} MB`).join(', ')}`,
    );
}

main().catch((err: unknown) => {
  console.error(`images failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
