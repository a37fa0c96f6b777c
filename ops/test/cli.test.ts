import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@kavosh/db';
import { createTestDatabase, type TestDatabase } from '@kavosh/testing';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

function withoutColorVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...rest } = env;
  return rest;
}

/** Runs a script as `npm run <name> --` does (tsx, source conditions), from the repo root. */
async function script(
  name: 'backup' | 'restore',
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', `scripts/${name}.ts`, ...args],
      // Plain output; FORCE_COLOR (set by Nx) would also make Node warn that NO_COLOR loses.
      { cwd: ROOT, env: { ...withoutColorVariables(process.env), NO_COLOR: '1' } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('npm run backup / restore', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'kavosh-backup-cli-'));
    source = await createTestDatabase({ label: 'bk_cli_src' });
    target = await createTestDatabase({ label: 'bk_cli_dst' });
    await migrate({
      databaseUrl: source.url,
      migrationsDir: path.join(ROOT, 'services/auth/prisma/migrations'),
    });
  }, 60_000);

  afterAll(async () => {
    await source?.drop();
    await target?.drop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('backs up a schema, verifies the backup, restores it once and refuses the second time', async () => {
    const backup = await script('backup', ['auth', '--to', scratch, '--database-url', source.url]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const [stamp] = await readdir(path.join(scratch, 'auth'));
    expect(stamp).toMatch(/^\d{8}T\d{9}Z$/);
    const dir = path.join(scratch, 'auth', stamp ?? '');

    const verified = await script('restore', ['auth', dir, '--verify-only']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('intact');

    const restored = await script('restore', ['auth', dir, '--database-url', target.url]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('migrations applied: none');

    const again = await script('restore', ['auth', dir, '--database-url', target.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^TARGET_NOT_EMPTY: /);
  }, 120_000);

  it('refuses an unknown service, a restore of another service and a malformed s3:// URL', async () => {
    const unknown = await script('backup', ['nosuch']);
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      expect.stringContaining('usage: npm run backup'),
    ]);
    // Not a bucket name S3 allows (upper case, underscore): refused before any connection.
    const s3 = await script('backup', ['auth', '--to', 's3://Not_A_Bucket/kavosh']);
    expect([s3.code, s3.stderr]).toEqual([
      1,
      expect.stringContaining('not an s3://bucket/prefix URL'),
    ]);
    const [stamp] = await readdir(path.join(scratch, 'auth'));
    const other = await script('restore', [
      'social',
      path.join(scratch, 'auth', stamp ?? ''),
      '--verify-only',
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^WRONG_SERVICE: the backup is of auth, not social/);
  }, 120_000);
});
