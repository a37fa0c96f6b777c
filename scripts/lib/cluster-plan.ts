import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadBalancerMainConfig, replicaPort, type Listener } from './cluster.js';
import { PROCESSES, type ProcessSpec } from './services.js';

/** The public port: nginx takes it, the gateway replicas move to 8180, 8280 … */
export const PUBLIC_PORT = 8080;

/** What npm run start:cluster runs instead of PROCESSES, and how each replica's env differs. */
export interface ClusterPlan {
  /** The payment sandbox, `replicas` of every other process, and nginx (last). */
  processes: ProcessSpec[];
  /** A replica's environment: npm start's, with the cluster's changes. */
  envFor(spec: ProcessSpec, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** nginx's JSON access lines: which replica answered each request. */
  accessLog: string;
  cleanUp(): Promise<void>;
}

/** Debian's nginx, or the first on PATH. */
export function findNginx(): string {
  for (const candidate of ['nginx', '/usr/sbin/nginx'])
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  throw new Error(
    'nginx is not installed: apt-get install nginx (it is run as a child, never as the system service)',
  );
}

const replicaOf = (spec: ProcessSpec): number =>
  Number(/-(\d+)$/.exec(spec.instance ?? '')?.[1] ?? 1);

/**
 * Plans the one-host cluster: replica i of a process listens on its usual port + 100·i (metrics
 * likewise), and nginx takes the usual ports: 8080 for the gateways, 3001–3004 for each service's
 * replicas. So every gateway keeps npm start's AUTH_URL … (one address per service, nginx behind
 * it), and the payment sandbox's webhooks still reach :8080. nginx's configuration, pid and logs go
 * to a temporary folder.
 */
export async function clusterPlan(opts: { replicas: number; host: string }): Promise<ClusterPlan> {
  const nginx = findNginx();
  const prefix = await mkdtemp(path.join(tmpdir(), 'kavosh-cluster-'));
  // nginx's workers run as an unprivileged user when we are root: they must reach the temp paths.
  await chmod(prefix, 0o755);
  const accessLog = path.join(prefix, 'access.log');
  const replicas: ProcessSpec[] = [];
  const listeners: Listener[] = [];
  for (const spec of PROCESSES) {
    if (spec.name === 'payment-sandbox') continue;
    const own: ProcessSpec[] = [];
    for (let i = 1; i <= opts.replicas; i++)
      own.push({
        ...spec,
        instance: `${spec.name}-${i}`,
        port: replicaPort(spec.port, i),
        ...(spec.metricsPort !== undefined
          ? { metricsPort: replicaPort(spec.metricsPort, i) }
          : {}),
      });
    replicas.push(...own);
    listeners.push({
      name: spec.name,
      listen: `${opts.host}:${spec.port}`,
      backends: own.map((r) => ({
        instance: r.instance ?? r.name,
        address: `127.0.0.1:${r.port}`,
      })),
      ...(spec.name === 'gateway' ? { websocketPath: '/api/social/ws' } : {}),
      ...(spec.name === 'social' ? { websocketPath: '/ws' } : {}),
    });
  }
  await writeFile(
    path.join(prefix, 'nginx.conf'),
    loadBalancerMainConfig({ prefix, listeners, accessLog, errorLog: 'stderr' }),
  );
  const sandbox = PROCESSES.filter((spec) => spec.name === 'payment-sandbox');
  const loadBalancer: ProcessSpec = {
    name: 'load-balancer',
    instance: 'nginx',
    dir: '.',
    port: PUBLIC_PORT,
    // Through nginx to a gateway replica: ready once the path works end to end.
    readyPath: '/health/ready',
    command: [nginx, '-p', prefix, '-e', 'stderr', '-c', path.join(prefix, 'nginx.conf')],
  };
  return {
    processes: [...sandbox, ...replicas, loadBalancer],
    accessLog,
    envFor(spec, base) {
      const env = { ...base };
      if (spec.name === 'gateway') env.TRUSTED_PROXY_HOPS = '1';
      // One-time start-up work happens once: the first replica seeds billing's plans (an empty
      // table check is no lock) and makes auth's bootstrap admin. Catalog's demo seed is safe
      // on every replica (INSERT IGNORE of the same rows).
      if (replicaOf(spec) > 1) {
        if (spec.name === 'billing') env.SEED_DEFAULT_PLANS = 'false';
        if (spec.name === 'auth') {
          delete env.AUTH_BOOTSTRAP_ADMIN_EMAIL;
          delete env.AUTH_BOOTSTRAP_ADMIN_PASSWORD;
        }
      }
      return env;
    },
    cleanUp: () => rm(prefix, { recursive: true, force: true }),
  };
}
