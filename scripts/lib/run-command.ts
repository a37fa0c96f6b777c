import { spawn } from 'node:child_process';

/**
 * Runs a command with its output captured; on failure the captured output is printed and the returned
 * promise rejects. Keeps a quiet terminal when all goes well.
 */
export async function runQuietly(
  command: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    process.stderr.write(Buffer.concat(chunks));
    throw new Error(`\`${command} ${args.join(' ')}\` failed (exit code ${code})`);
  }
}
