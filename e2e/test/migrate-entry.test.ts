import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import mariadb from 'mariadb';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@kavosh/testing';
import { ROOT } from './processes.js';

// infra/docker/migrate.mjs: the one-shot migration of compose's <service>-migrate containers
// and the Deployments' init containers, run here from source in the service's folder (the
// image's WORKDIR), as the image runs it.
const ENTRY = join(ROOT, 'infra/docker/migrate.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runMigrate(service: string, env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ENTRY], {
    cwd: join(ROOT, 'services', service),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const migrationsOf = (service: string): string[] =>
  readdirSync(join(ROOT, 'services', service, 'prisma/migrations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe('the migrate entry (infra/docker/migrate.mjs)', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('applies every migration on a fresh schema, exits 0, and finds nothing to do next time', async () => {
    const db = await createTestDatabase({ label: 'migrate-entry' });
    databases.push(db);
    const first = await runMigrate('catalog', { DATABASE_URL: db.url });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`applied ${migrationsOf('catalog').length} migration(s)`);

    const conn = await mariadb.createConnection(db.url.replace(/^mysql:/, 'mariadb:'));
    try {
      const rows: { migration_name: string }[] = await conn.query(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      );
      expect(rows.map((r) => r.migration_name)).toEqual(migrationsOf('catalog'));
      const [movies]: { n: bigint }[] = await conn.query(
        "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'movies'",
      );
      expect(Number(movies?.n)).toBe(1);
    } finally {
      await conn.end();
    }

    const again = await runMigrate('catalog', { DATABASE_URL: db.url });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('schema already up to date');
  }, 60_000);

  it('exits 1 naming DATABASE_URL when it is missing or not a MySQL URL', async () => {
    const envs: Record<string, string>[] = [{}, { DATABASE_URL: 'postgres://kavosh@db/kavosh' }];
    for (const env of envs) {
      const run = await runMigrate('auth', env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^invalid configuration: DATABASE_URL: /m);
    }
  }, 60_000);

  it('exits 1 naming the database, without its password, when it cannot connect', async () => {
    const run = await runMigrate('auth', {
      // Port 1 on loopback: nothing listens there, so the connection is refused at once.
      DATABASE_URL: 'mysql://kavosh_auth:s3cret-pw@127.0.0.1:1/kavosh_auth',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('migrating kavosh_auth@127.0.0.1:1/kavosh_auth from');
    expect(run.stderr).not.toContain('s3cret-pw');
  }, 60_000);
});
