import { cp, mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MESSAGING_MIGRATIONS_DIR,
  MESSAGING_PRISMA_FRAGMENT,
  checkMessagingCopies,
  readMessagingMigrations,
} from '../src/testing.js';

const FIXTURE_SCHEMA = fileURLToPath(new URL('./fixtures/prisma/schema.prisma', import.meta.url));

describe('checkMessagingCopies', () => {
  let dir: string;
  let migrationsDir: string;
  let schemaPath: string;

  // A service as it should be: each package migration in its folder, the fragment in its schema.
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kavosh-copies-'));
    migrationsDir = path.join(dir, 'migrations');
    schemaPath = path.join(dir, 'schema.prisma');
    for (const m of await readMessagingMigrations()) {
      await cp(
        path.join(MESSAGING_MIGRATIONS_DIR, `${m.name}.sql`),
        path.join(migrationsDir, m.name, 'migration.sql'),
      );
    }
    const fragment = await readFile(MESSAGING_PRISMA_FRAGMENT, 'utf8');
    await writeFile(schemaPath, `// a service\n\n${fragment}\nmodel Own {\n  id Int @id\n}\n`);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports nothing when every copy matches', async () => {
    expect(await checkMessagingCopies({ migrationsDir, schemaPath })).toEqual([]);
  });

  it('names a migration copy that differs by one byte, and one that is missing', async () => {
    const [first, ...rest] = await readMessagingMigrations();
    if (!first) throw new Error('the package has no migrations');
    await appendFile(path.join(migrationsDir, first.name, 'migration.sql'), ' ');
    for (const m of rest) await rm(path.join(migrationsDir, m.name), { recursive: true });
    const problems = await checkMessagingCopies({ migrationsDir, schemaPath });
    expect(problems).toHaveLength(1 + rest.length);
    expect(problems[0]).toContain(`${first.name}/migration.sql differs`);
    for (const [i, m] of rest.entries()) expect(problems[i + 1]).toContain(`${m.name}`);
  });

  it('names a schema whose messaging models were edited', async () => {
    const schema = await readFile(schemaPath, 'utf8');
    await writeFile(schemaPath, schema.replace('@db.VarChar(1000)', '@db.VarChar(2000)'));
    const problems = await checkMessagingCopies({ migrationsDir, schemaPath });
    expect(problems).toEqual([expect.stringContaining('does not contain')]);
  });

  it('is contained verbatim in the fixture schema these tests generate their client from', async () => {
    const fragment = (await readFile(MESSAGING_PRISMA_FRAGMENT, 'utf8')).trim();
    expect(await readFile(FIXTURE_SCHEMA, 'utf8')).toContain(fragment);
  });
});
