import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** One rendered object, as kubectl kustomize prints it; the fields the tests read are checked. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

const HOW_TO_INSTALL =
  'kubectl is needed to build the kustomize overlays. Install it: ' +
  '`apt-get install -y kubectl` (Debian/Ubuntu, from the Kubernetes apt repository) or see ' +
  'https://kubernetes.io/docs/tasks/tools/ — then run the tests again.';

/**
 * Before every kubectl command: an explicit (empty) kubeconfig, so that no kubectl call here ever
 * falls back to its default server, http://localhost:8080 (the gateway's port on a dev machine).
 * The offline commands (kustomize, version --client) need no cluster.
 */
export const KUBECTL_GLOBAL_ARGS = ['--kubeconfig', '/dev/null'];

/** Fails with how to install kubectl when it is missing: the deploy suite never skips. */
export function assertKubectl(): void {
  try {
    execFileSync('kubectl', [...KUBECTL_GLOBAL_ARGS, 'version', '--client'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`${HOW_TO_INSTALL} (${String(error)})`);
  }
}

const cache = new Map<Overlay, RenderedObject[]>();

/** `kubectl kustomize k8s/overlays/<overlay>`, parsed; rendered once per test file. */
export function render(overlay: Overlay): RenderedObject[] {
  const cached = cache.get(overlay);
  if (cached) return cached;
  assertKubectl();
  const text = execFileSync(
    'kubectl',
    [...KUBECTL_GLOBAL_ARGS, 'kustomize', `k8s/overlays/${overlay}`],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const objects = parseAllDocuments(text).map((doc, index) => {
    if (doc.errors.length > 0) throw new Error(`document ${index}: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS();
    if (!isRenderedObject(value)) throw new Error(`document ${index} is not a Kubernetes object`);
    return value;
  });
  cache.set(overlay, objects);
  return objects;
}

function isRenderedObject(value: unknown): value is RenderedObject {
  if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string')
    return false;
  return isRecord(value.metadata) && typeof value.metadata.name === 'string';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const idOf = (o: RenderedObject): string => `${o.kind}/${o.metadata.name}`;
