import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort } from '@kavosh/testing';
import type { LoadSummary } from './load.js';

const LIB_DIR = fileURLToPath(new URL('.', import.meta.url));
// Run TypeScript children from source: workspace packages resolve to src/ under the "source" condition.
const NODE_ARGS = ['--import', 'tsx', '--conditions=source'];

export const hasTaskset = (): boolean =>
  spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

/** The command line for a bench/lib script, pinned to `cpu` when given. */
function command(script: string, cpu: number | undefined, args: string[] = []): [string, string[]] {
  const node = [...NODE_ARGS, `${LIB_DIR}${script}`, ...args];
  return cpu === undefined
    ? [process.execPath, node]
    : ['taskset', ['-c', String(cpu), process.execPath, ...node]];
}

export interface ServerChild {
  url: string;
  /** User + system CPU time the server has used so far, in microseconds (Linux /proc). */
  cpuMicros(): number;
  stop(): Promise<void>;
}

/** Starts a bench server script and resolves once it reports ready over IPC. */
export async function startServer(
  script: string,
  opts: { cpu: number | undefined; env: Record<string, string>; path: string },
): Promise<ServerChild> {
  const port = await freePort();
  const [cmd, args] = command(script, opts.cpu);
  const child: ChildProcess = spawn(cmd, args, {
    env: { ...process.env, ...opts.env, PORT: String(port), HOST: '127.0.0.1' },
    // Logs go to /dev/null: the server still formats and writes them, nobody pays to read them.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with code ${code} before it was ready`)),
    );
  });
  const pid = child.pid;
  const ticksPerSecond = 100; // USER_HZ on Linux
  return {
    url: `http://127.0.0.1:${port}${opts.path}`,
    cpuMicros: () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
      return (ticks / ticksPerSecond) * 1e6;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs autocannon in its own (pinned) process against `url`. */
export async function runLoad(
  url: string,
  opts: {
    cpu: number | undefined;
    connections: number;
    durationSeconds: number;
    /** Sent with every request, e.g. If-None-Match. */
    headers?: Record<string, string>;
  },
): Promise<LoadSummary> {
  const [cmd, args] = command('load.ts', opts.cpu, [
    url,
    String(opts.connections),
    String(opts.durationSeconds),
    ...(opts.headers ? [JSON.stringify(opts.headers)] : []),
  ]);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8' }, (err, out) => (err ? reject(err) : resolve(out)));
  });
  const parsed: unknown = JSON.parse(stdout.trim().split('\n').pop() ?? '');
  if (!isLoadSummary(parsed)) throw new Error(`unexpected load output: ${stdout}`);
  return parsed;
}

const LOAD_FIELDS = [
  'requestsPerSecond',
  'totalRequests',
  'latencyP50Ms',
  'latencyP99Ms',
  'errors',
  'non2xx',
];

const isLoadSummary = (value: unknown): value is LoadSummary =>
  typeof value === 'object' &&
  value !== null &&
  LOAD_FIELDS.every(
    (field) => typeof Object.getOwnPropertyDescriptor(value, field)?.value === 'number',
  );

const PAGE_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Resident set size of a live process, in MB (Linux /proc/<pid>/status VmRSS). */
export function rssMb(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/** User + system CPU time a live process has used, in ms (Linux /proc/<pid>/stat). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) / PAGE_TICKS_PER_SECOND) * 1000;
}

export interface TimedChild {
  child: ChildProcess;
  pid: number;
  /** From spawn() to the first 200 of the ready URL (or the ready line), in ms. */
  readyMs: number;
  /** SIGTERM (or `signal`), then the exit code once it exited (null: killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Spawns `command` and times it until `readyUrl` answers 200 (polled every 10 ms) or, for a
 * script without HTTP, until it prints a line matching `readyLine`. Stderr is passed through.
 */
export async function spawnUntilReady(opts: {
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  readyUrl?: string;
  readyLine?: RegExp;
  timeoutMs: number;
  /** Put the child in its own process group (to signal it and its children at once). */
  detached?: boolean;
}): Promise<TimedChild> {
  const [cmd = process.execPath, ...args] = opts.command;
  const started = performance.now();
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', opts.readyLine ? 'pipe' : 'ignore', 'inherit'],
    detached: opts.detached ?? false,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${cmd} did not start`);
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  try {
    const readyMs = await new Promise<number>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`${opts.command.join(' ')} not ready in ${opts.timeoutMs} ms`)),
        opts.timeoutMs,
      );
      const done = () => {
        clearTimeout(deadline);
        resolve(performance.now() - started);
      };
      child.once('exit', (code) => {
        clearTimeout(deadline);
        reject(new Error(`${opts.command.join(' ')} exited with ${code} before it was ready`));
      });
      if (opts.readyLine) {
        const pattern = opts.readyLine;
        let seen = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString('utf8');
          if (pattern.test(seen)) {
            seen = '';
            done();
          }
          // Only the tail matters once the line has not matched.
          if (seen.length > 4096) seen = seen.slice(-1024);
        });
      }
      const url = opts.readyUrl;
      if (url) {
        const poll = async () => {
          const ok = await fetch(url).then(
            async (res) => {
              await res.arrayBuffer();
              return res.status === 200;
            },
            () => false,
          );
          if (ok) done();
          else if (child.exitCode === null) setTimeout(() => void poll(), 10);
        };
        void poll();
      }
    });
    return { child, pid, readyMs, stop };
  } catch (err) {
    await stop('SIGKILL');
    throw err;
  }
}
