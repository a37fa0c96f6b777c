import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runFixture(name: string, env: Record<string, string>): Promise<Exit> {
  const script = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', script],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 50_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

// Each case starts a Node process with tsx: seconds each on a busy 2-core machine.
describe('runMain', { timeout: 60_000 }, () => {
  it('exits 1 naming each bad variable and never echoes a secret value', async () => {
    const secret = 'Sup3rSecretPa55';
    const exit = await runFixture('bad-config-main.ts', {
      DATABASE_URL: `postgres://kavosh:${secret}@127.0.0.1/kavosh`,
      PORT: 'eighty',
      AMQP_URL: `http://kavosh:${secret}@127.0.0.1:5672`,
    });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(
      'invalid configuration: DATABASE_URL: must be a mysql:// or mariadb:// URL',
    );
    expect(exit.stderr).toContain('invalid configuration: PORT: must be an integer');
    expect(exit.stderr).toContain('invalid configuration: AMQP_URL:');
    expect(exit.stderr + exit.stdout).not.toContain(secret);
  });

  it('exits 1 naming a missing required variable', async () => {
    const exit = await runFixture('bad-config-main.ts', {});
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('invalid configuration: DATABASE_URL: is required');
  });

  it('exits 1 and logs any other startup error as a JSON line on stderr', async () => {
    const exit = await runFixture('failing-main.ts', {});
    expect(exit.code).toBe(1);
    const line: unknown = JSON.parse(exit.stderr.trim().split('\n').at(-1) ?? '');
    expect(line).toMatchObject({
      level: 60,
      msg: 'startup failed',
      err: { message: 'cannot connect to the database' },
    });
  });
});
