// The Docker client npm run images and the compose smoke test drive, and what they ask of it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Debian's client (/usr/bin/docker) when installed: a newer client elsewhere on the PATH may lack
 * buildx, and BuildKit then needs the client that ships with the engine. DOCKER_CLI overrides.
 */
export const DOCKER =
  process.env.DOCKER_CLI ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

/** Runs docker; resolves with its exit code and combined output (never throws on a failure). */
export function docker(
  args: string[],
  opts: {
    input?: NodeJS.ReadableStream;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    echo?: boolean;
  } = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn(DOCKER, args, {
    cwd: opts.cwd,
    env: { ...process.env, DOCKER_BUILDKIT: '1', ...opts.env },
    stdio: [opts.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  if (opts.input && child.stdin) opts.input.pipe(child.stdin);
  const chunks: Buffer[] = [];
  const collect = (chunk: Buffer) => {
    chunks.push(chunk);
    if (opts.echo) process.stdout.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Like docker(), but rejects with the tail of its output when it fails. */
export async function dockerOrThrow(
  args: string[],
  opts: Parameters<typeof docker>[1] = {},
): Promise<string> {
  const { code, output } = await docker(args, opts);
  if (code !== 0) {
    const tail = output.trimEnd().split('\n').slice(-60).join('\n');
    throw new Error(`docker ${args.slice(0, 2).join(' ')} … failed (exit ${code}):\n${tail}`);
  }
  return output;
}

/** Whether an engine answers (`docker info`). */
export const engineAnswers = (): boolean =>
  spawnSync(DOCKER, ['info'], { stdio: 'ignore', timeout: 15_000 }).status === 0;

/** The image's size in bytes, or undefined when it is not there. */
export function imageSize(tag: string): number | undefined {
  const result = spawnSync(DOCKER, ['image', 'inspect', '--format', '{{.Size}}', tag], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

export const imageExists = (tag: string): boolean => imageSize(tag) !== undefined;

export const megabytes = (bytes: number): number => Math.round(bytes / 1e5) / 10;
