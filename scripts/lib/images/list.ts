// The images `npm run images` builds: their names and tags are the ones docker-compose.yml and the
// Kubernetes manifests name (deploy/test checks both), so what is built is what is deployed.
import { readFileSync } from 'node:fs';

const root = new URL('../../../', import.meta.url);

/** The tag of every Kavosh image: the monorepo's version. */
export const VERSION = (
  JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }
).version;

/** The Node version of the images: the official image by default, or the local one built alike. */
export const NODE_VERSION = '20.20.2';
export const OFFICIAL_NODE_IMAGE = `node:${NODE_VERSION}-bookworm-slim`;
/** The local base (debootstrap) and the local Node image on it, where no registry answers. */
export const LOCAL_BASE_IMAGE = 'kavosh/debian:bookworm-minbase';
export const LOCAL_NODE_IMAGE = `kavosh/node:${NODE_VERSION}-bookworm-minbase`;

export interface ImageSpec {
  /** Short name: `npm run images -- <name>...` builds only those. */
  name: string;
  /** name:tag, as compose and the manifests name it. */
  tag: string;
  dockerfile: string;
  /** The build context, relative to the repository root. */
  context: string;
  buildArgs: Record<string, string>;
  /** Built FROM the Node image (NODE_IMAGE) or FROM the Debian base (BASE_IMAGE). */
  from: 'node' | 'debian';
  /** Largest size of its own layers, above the image it is built from. */
  maxOwnMb?: number;
}

/** The six processes of infra/docker/Dockerfile. */
export const PROCESSES = ['auth', 'catalog', 'billing', 'social', 'gateway', 'payment-sandbox'];

const processImages: ImageSpec[] = PROCESSES.map((name) => ({
  name,
  tag: `kavosh/${name}:${VERSION}`,
  dockerfile: 'infra/docker/Dockerfile',
  context: '.',
  buildArgs: { SERVICE: name },
  from: 'node',
  maxOwnMb: 150,
}));

const backupImage: ImageSpec = {
  name: 'backup',
  tag: `kavosh/backup:${VERSION}`,
  dockerfile: 'ops/Dockerfile',
  context: '.',
  buildArgs: {},
  from: 'node',
};

/**
 * Stand-ins for the official data-store images, from the Debian base and Debian's packages, for
 * machines without a registry: docker-compose.standins.yml swaps them in, the test harness starts
 * them when KAVOSH_TESTCONTAINERS=1 (infra/standins/README.md). Each replaces `official`.
 */
export const STANDINS: (ImageSpec & { official: string })[] = [
  ['mysql', 'mysql:8.4.6'],
  ['rabbitmq', 'rabbitmq:4.1.2-management'],
  ['redis', 'redis:7.4.5-alpine'],
  ['nginx', 'nginxinc/nginx-unprivileged:1.27.5-alpine'],
  ['prometheus', 'prom/prometheus:v3.5.0'],
].map(([name = '', official = '']) => ({
  name: `standin-${name}`,
  tag: `kavosh/standin-${name}:bookworm`,
  dockerfile: `infra/standins/${name}/Dockerfile`,
  context: `infra/standins/${name}`,
  buildArgs: {},
  from: 'debian' as const,
  official,
}));

export const IMAGES: ImageSpec[] = [...processImages, backupImage, ...STANDINS];
