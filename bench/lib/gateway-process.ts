// The real gateway (gateway/src/main.ts from source, as e2e runs it) as a child of a benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@kavosh/testing';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 60_000;

export interface GatewayChild {
  /** The gateway's origin, e.g. http://127.0.0.1:41234. */
  url: string;
  /** User + system CPU time the gateway has used so far, in microseconds (Linux /proc). */
  cpuMicros(): number;
  /** SIGTERM, then waits for the exit (a --cpu-prof profile is written by then). */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the gateway with `env` (plus PATH, PORT, HOST and its own METRICS_PORT), pinned to `cpu`
 * when given, `nodeArgs` before the entry point (e.g. --cpu-prof). Resolves once /health/ready
 * answers 200 and, when `probe` is given, once that route answers 200: the gateway refuses a
 * route with 503 until it has its upstream's declarations.
 */
export async function startGateway(
  env: Record<string, string>,
  opts: {
    cpu: number | undefined;
    nodeArgs?: string[];
    probe?: { path: string; headers?: Record<string, string> };
  },
): Promise<GatewayChild> {
  const port = await freePort();
  const metricsPort = await freePort();
  const node = [
    process.execPath,
    ...(opts.nodeArgs ?? []),
    '--conditions=source',
    '--import',
    'tsx',
    'gateway/src/main.ts',
  ];
  const [cmd, ...args] =
    opts.cpu === undefined ? node : ['taskset', '-c', String(opts.cpu), ...node];
  const child: ChildProcess = spawn(cmd ?? process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
    },
    // Logs go to /dev/null: the gateway still formats and writes them, as in production.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const answers = async (path: string, headers?: Record<string, string>) =>
    fetch(`${url}${path}`, headers ? { headers } : {}).then(
      async (res) => {
        await res.arrayBuffer();
        return res.status === 200;
      },
      () => false,
    );
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const checks = [{ path: '/health/ready' }, ...(opts.probe ? [opts.probe] : [])];
  for (const check of checks) {
    while (!(await answers(check.path, check.headers))) {
      if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the gateway did not answer ${check.path} with 200 in 60 s`);
      }
      await sleep(250);
    }
  }
  const pid = child.pid;
  return {
    url,
    cpuMicros: () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6; // utime + stime, USER_HZ 100
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
