import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@kavosh/testing';
import type { TestDatabase } from '@kavosh/testing';
import { migrate, MigrationError } from '../src/index.js';
import mariadb from 'mariadb';
import { pino } from 'pino';
import { connectionConfig } from '../src/connection.js';
import { copyFixture, query } from './helpers.js';

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

const rowsOf = (db: TestDatabase) =>
  query<MigrationRow[]>(
    db.url,
    'SELECT migration_name, checksum, finished_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY migration_name',
  );
const tablesOf = async (db: TestDatabase) =>
  (
    await query<{ t: string }[]>(
      db.url,
      'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? ORDER BY 1',
      [db.name],
    )
  )
    .map((r) => r.t)
    .sort();

async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MigrationError))
    throw new Error(`expected a MigrationError, got ${String(err)}`);
  return err;
}

describe('migrate', () => {
  let db: TestDatabase;
  let fixture: { dir: string; remove(): Promise<void> };

  beforeEach(async () => {
    db = await createTestDatabase({ label: 'migrate' });
    fixture = await copyFixture('migrations');
  });
  afterEach(async () => {
    await db.drop();
    await fixture.remove();
  });

  it('applies every migration in folder order and records it as Prisma does', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const result = await migrate({ databaseUrl: db.url, migrationsDir: fixture.dir, logger });

    expect(result.applied).toEqual(['20250101000000_init', '20250102000000_add_ratings']);
    expect(await tablesOf(db)).toEqual(['_prisma_migrations', 'movies', 'ratings']);
    const rows = await rowsOf(db);
    expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }
    const logged = lines.map((l): unknown => JSON.parse(l));
    expect(logged).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'migration applied',
        migration: '20250101000000_init',
        ms: expect.any(Number),
      }),
      expect.objectContaining({
        level: 30,
        msg: 'migration applied',
        migration: '20250102000000_add_ratings',
        ms: expect.any(Number),
      }),
    ]);
  });

  it('records the hex SHA-256 of the migration.sql bytes as the checksum', async () => {
    await migrate({ databaseUrl: db.url, migrationsDir: fixture.dir });
    const bytes = await readFile(path.join(fixture.dir, '20250101000000_init', 'migration.sql'));
    const [row] = await rowsOf(db);
    expect(row?.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('applies nothing when run again', async () => {
    await migrate({ databaseUrl: db.url, migrationsDir: fixture.dir });
    const again = await migrate({ databaseUrl: db.url, migrationsDir: fixture.dir });

    expect(again.applied).toEqual([]);
    expect(await rowsOf(db)).toHaveLength(2);
  });

  it('applies only the new migration when one is added later', async () => {
    await rm(path.join(fixture.dir, '20250102000000_add_ratings'), { recursive: true });
    await migrate({ databaseUrl: db.url, migrationsDir: fixture.dir });
    const later = await copyFixture('migrations');
    try {
      const result = await migrate({ databaseUrl: db.url, migrationsDir: later.dir });
      expect(result.applied).toEqual(['20250102000000_add_ratings']);
    } finally {
      await later.remove();
    }
  });

  it('refuses to run when an applied migration was edited, naming it', async () => {
    await migrate({ databaseUrl: db.url, migrationsDir: fixture.dir });
    await appendFile(
      path.join(fixture.dir, '20250101000000_init', 'migration.sql'),
      '\n-- edited\n',
    );

    const err = await rejection(migrate({ databaseUrl: db.url, migrationsDir: fixture.dir }));
    expect(err.code).toBe('CHECKSUM_MISMATCH');
    expect(err.message).toContain('20250101000000_init');
  });

  it('refuses to run when an applied migration folder is missing', async () => {
    await migrate({ databaseUrl: db.url, migrationsDir: fixture.dir });
    await rm(path.join(fixture.dir, '20250101000000_init'), { recursive: true });

    const err = await rejection(migrate({ databaseUrl: db.url, migrationsDir: fixture.dir }));
    expect(err.code).toBe('MISSING_MIGRATION');
    expect(err.message).toContain('20250101000000_init');
  });

  it('refuses a new migration that sorts before the last applied one, and applies nothing', async () => {
    await migrate({ databaseUrl: db.url, migrationsDir: fixture.dir });
    const late = path.join(fixture.dir, '20250101120000_late_branch');
    await mkdir(late);
    await writeFile(
      path.join(late, 'migration.sql'),
      'CREATE TABLE `late` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\n',
    );

    const err = await rejection(migrate({ databaseUrl: db.url, migrationsDir: fixture.dir }));
    expect(err.code).toBe('OUT_OF_ORDER');
    expect(err.migration).toBe('20250101120000_late_branch');
    expect(err.message).toContain('20250102000000_add_ratings');
    expect(await tablesOf(db)).toEqual(['_prisma_migrations', 'movies', 'ratings']);
  });

  it('serializes two concurrent runs on the same schema: each migration is applied once', async () => {
    const [a, b] = await Promise.all([
      migrate({ databaseUrl: db.url, migrationsDir: fixture.dir }),
      migrate({ databaseUrl: db.url, migrationsDir: fixture.dir }),
    ]);

    expect([...a.applied, ...b.applied].sort()).toEqual([
      '20250101000000_init',
      '20250102000000_add_ratings',
    ]);
    expect([a.applied.length, b.applied.length].sort()).toEqual([0, 2]);
    expect(await rowsOf(db)).toHaveLength(2);
  });

  it('gives up with LOCK_TIMEOUT while another applier holds the lock', async () => {
    const holder = await mariadb.createConnection(connectionConfig(db.url));
    try {
      await holder.query('SELECT GET_LOCK(?, 0)', [`${db.name}.migrate`]);
      const err = await rejection(
        migrate({ databaseUrl: db.url, migrationsDir: fixture.dir, lockTimeoutSeconds: 1 }),
      );
      expect(err.code).toBe('LOCK_TIMEOUT');
      expect(await tablesOf(db)).toEqual([]);
    } finally {
      await holder.end();
    }
  });
});

describe('migrate with a failing migration', () => {
  let db: TestDatabase;
  let fixture: { dir: string; remove(): Promise<void> };

  beforeEach(async () => {
    db = await createTestDatabase({ label: 'migrate_fail' });
    fixture = await copyFixture('failing');
  });
  afterEach(async () => {
    await db.drop();
    await fixture.remove();
  });

  it('records the failure in logs, leaves finished_at empty and throws APPLY_FAILED', async () => {
    const err = await rejection(migrate({ databaseUrl: db.url, migrationsDir: fixture.dir }));

    expect(err.code).toBe('APPLY_FAILED');
    expect(err.message).toContain('20250102000000_broken');
    const rows = await rowsOf(db);
    expect(rows.map((r) => [r.migration_name, r.finished_at === null])).toEqual([
      ['20250101000000_init', false],
      ['20250102000000_broken', true],
    ]);
    expect(rows[1]?.logs).toMatch(/no_such_table/);
  });

  it('blocks the next run with FAILED_MIGRATION until the failure is marked rolled back', async () => {
    await rejection(migrate({ databaseUrl: db.url, migrationsDir: fixture.dir }));

    const blocked = await rejection(migrate({ databaseUrl: db.url, migrationsDir: fixture.dir }));
    expect(blocked.code).toBe('FAILED_MIGRATION');
    expect(blocked.message).toContain('20250102000000_broken');

    // The operator's way out, as with Prisma: fix the script, mark the failed row rolled back.
    await query(db.url, 'DROP TABLE genres');
    await query(
      db.url,
      "UPDATE _prisma_migrations SET rolled_back_at = NOW(3) WHERE migration_name = '20250102000000_broken'",
    );
    await writeFile(
      path.join(fixture.dir, '20250102000000_broken', 'migration.sql'),
      'CREATE TABLE `genres` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`)) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n',
    );
    const result = await migrate({ databaseUrl: db.url, migrationsDir: fixture.dir });
    expect(result.applied).toEqual(['20250102000000_broken']);
  });
});
