import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { linePrefixer, logLineFormatter } from './output.js';
import { instanceOf, type ProcessSpec } from './services.js';

const KEEP_LINES = 30;

interface Running {
  spec: ProcessSpec;
  proc: ChildProcess;
  lastLines: string[];
  exited: Promise<number | null>;
  done: boolean;
}

/** Runs the processes as children, prints their output, and stops them together. */
export class Supervisor {
  private readonly children: Running[] = [];
  private stopping = false;

  constructor(
    private readonly opts: {
      rootDir: string;
      color: boolean;
      /** Called once per child that exits while we are not stopping. */
      onUnexpectedExit: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
    },
  ) {
    // A crash of this script must not leave servers holding the ports.
    process.on('exit', () => {
      for (const child of this.children) if (!child.done) child.proc.kill('SIGTERM');
    });
  }

  /** `env` is the child's whole environment. */
  start(spec: ProcessSpec, env: NodeJS.ProcessEnv): void {
    // Own process group: a Ctrl-C in the terminal reaches only us, and we send one SIGTERM
    // (close-with-grace treats a second signal as "exit now").
    const [command = process.execPath, ...args] = spec.command ?? [
      process.execPath,
      '--conditions=source',
      '--import',
      'tsx',
      'src/main.ts',
    ];
    const proc = spawn(command, args, {
      cwd: `${this.opts.rootDir}/${spec.dir}`,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const name = instanceOf(spec);
    const prefix = linePrefixer(name, this.children.length, this.opts.color);
    const format = logLineFormatter(this.opts.color);
    const running: Running = {
      spec,
      proc,
      lastLines: [],
      done: false,
      exited: new Promise((resolve) => {
        proc.on('exit', (code, signal) => {
          running.done = true;
          if (!this.stopping) this.opts.onUnexpectedExit(name, code, signal);
          resolve(code);
        });
        proc.on('error', (err) => {
          running.done = true;
          running.lastLines.push(`failed to start: ${err.message}`);
          if (!this.stopping) this.opts.onUnexpectedExit(name, null, null);
          resolve(null);
        });
      }),
    };
    const onLine = (line: string): void => {
      running.lastLines.push(line);
      if (running.lastLines.length > KEEP_LINES) running.lastLines.shift();
      for (const out of format(line).split('\n')) process.stdout.write(`${prefix(out)}\n`);
    };
    if (proc.stdout) createInterface({ input: proc.stdout }).on('line', onLine);
    if (proc.stderr) createInterface({ input: proc.stderr }).on('line', onLine);
    this.children.push(running);
  }

  /** SIGKILL to every child still running. */
  killAll(): void {
    for (const child of this.children) if (!child.done) child.proc.kill('SIGKILL');
  }

  /** The last lines of a child, by its instance name (`auth`, or `auth-2` in a cluster). */
  lastLines(name: string): string[] {
    return this.children.find((child) => instanceOf(child.spec) === name)?.lastLines ?? [];
  }

  /** SIGTERM to every child; SIGKILL to those still running after `timeoutMs`. */
  async stopAll(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const live = this.children.filter((child) => !child.done);
    for (const child of live) child.proc.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const all = Promise.all(live.map((child) => child.exited));
    const outcome = await Promise.race([all, deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      for (const child of live) {
        if (!child.done) {
          process.stderr.write(
            `${instanceOf(child.spec)} did not stop within ${timeoutMs} ms: SIGKILL\n`,
          );
          child.proc.kill('SIGKILL');
        }
      }
      await all;
    }
  }
}
