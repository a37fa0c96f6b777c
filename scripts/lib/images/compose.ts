// Docker Compose as the smoke test drives it: v2 (`docker compose`) when the client has it, else
// Debian's v1.29 (`docker-compose`); the same docker-compose.yml works with both.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DOCKER } from './docker.js';

export interface Compose {
  /** The command line before compose's own arguments. */
  argv: string[];
  files: string[];
  env: NodeJS.ProcessEnv;
}

export function composeCommand(): string[] {
  if (spawnSync(DOCKER, ['compose', 'version'], { stdio: 'ignore' }).status === 0)
    return [DOCKER, 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0)
    return ['docker-compose'];
  throw new Error(
    'neither `docker compose` nor `docker-compose` runs (apt-get install docker-compose)',
  );
}

/** Runs compose with the given arguments; resolves with its exit code and output. */
export function runCompose(
  compose: Compose,
  args: string[],
  opts: { echo?: boolean } = {},
): Promise<{ code: number | null; output: string }> {
  const [command = 'docker-compose', ...prefix] = compose.argv;
  const files = compose.files.flatMap((file) => ['-f', file]);
  const child = spawn(command, [...prefix, ...files, ...args], {
    env: compose.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  const collect = (chunk: Buffer) => {
    chunks.push(chunk);
    if (opts.echo) process.stdout.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

export async function composeOrThrow(
  compose: Compose,
  args: string[],
  echo = false,
): Promise<string> {
  const { code, output } = await runCompose(compose, args, { echo });
  if (code !== 0)
    throw new Error(`compose ${args.join(' ')} failed (exit ${code}):\n${output.trimEnd()}`);
  return output;
}

/** The `x-host-ports` of an override file: the host ports it wants, as variables. */
export function hostPortsOf(file: string): Record<string, string> {
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  const ports =
    typeof doc === 'object' && doc !== null && 'x-host-ports' in doc ? doc['x-host-ports'] : {};
  return Object.fromEntries(
    Object.entries(typeof ports === 'object' && ports !== null ? ports : {}).map(([k, v]) => [
      k,
      String(v),
    ]),
  );
}

export interface ContainerState {
  service: string;
  name: string;
  status: string;
  health: string;
  exitCode: number;
}

/** Every container of the project, with its compose service, state, health and exit code. */
export async function containerStates(compose: Compose): Promise<ContainerState[]> {
  const ids = (
    await composeOrThrow(compose, ['ps', '-q', '-a']).catch(() =>
      composeOrThrow(compose, ['ps', '-q']),
    )
  )
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[0-9a-f]{12,}$/.test(line));
  if (ids.length === 0) return [];
  const format =
    '{{index .Config.Labels "com.docker.compose.service"}}|{{.Name}}|{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}|{{.State.ExitCode}}';
  const result = spawnSync(DOCKER, ['inspect', '--format', format, ...ids], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`docker inspect failed: ${result.stderr}`);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [service = '', name = '', status = '', health = '', exitCode = '0'] = line.split('|');
      return { service, name: name.replace(/^\//, ''), status, health, exitCode: Number(exitCode) };
    });
}
