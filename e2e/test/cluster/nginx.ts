import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@kavosh/testing';
import {
  findNginx,
  loadBalancerMainConfig,
  parseAccessLine,
  type AccessLine,
  type Listener,
} from './load-balancer-config.js';

export interface RunningNginx {
  /** Every access line written so far (nginx writes a line when a request ends). */
  accessLines(): Promise<AccessLine[]>;
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Debian's nginx as a child, in a temporary prefix, running the configuration npm run
 * start:cluster runs (scripts/lib/cluster.ts) for these listeners. Resolves once nginx has
 * written its pid (it listens by then).
 */
export async function startNginx(listeners: Listener[]): Promise<RunningNginx> {
  const nginx = findNginx();
  const prefix = await mkdtemp(join(tmpdir(), 'kavosh-e2e-cluster-'));
  // Workers run as an unprivileged user when the test runs as root: they must reach the temp paths.
  await chmod(prefix, 0o755);
  const accessLog = join(prefix, 'access.log');
  const errorLog = join(prefix, 'error.log');
  await writeFile(
    join(prefix, 'nginx.conf'),
    loadBalancerMainConfig({ prefix, listeners, accessLog, errorLog }),
  );
  const child = spawn(nginx, ['-p', prefix, '-e', errorLog, '-c', join(prefix, 'nginx.conf')], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readErrors = () => readFile(errorLog, 'utf8').catch(() => '');
  const stop = async () => {
    // SIGTERM: fast shutdown; the test has checked everything by then.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(prefix, { recursive: true, force: true });
  };
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`nginx exited: ${await readErrors()}`);
        await readFile(join(prefix, 'nginx.pid'), 'utf8');
      },
      { within: 15_000, interval: 100, message: 'nginx did not start' },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    async accessLines() {
      const text = await readFile(accessLog, 'utf8').catch(() => '');
      return text.split('\n').flatMap((line) => parseAccessLine(line) ?? []);
    },
    errorLog: readErrors,
    stop,
  };
}
