// For services' tests: the messaging tables come from this package's migrations and model
// fragment; a service keeps byte-equal copies, and checkMessagingCopies() proves they match.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's migrations, `<timestamp>_<name>.sql`, named like a service's migration folders. */
export const MESSAGING_MIGRATIONS_DIR = fileURLToPath(
  new URL('../sql/migrations/', import.meta.url),
);

/** The OutboxEvent, OutboxLease and InboxEvent models every service's schema.prisma contains verbatim. */
export const MESSAGING_PRISMA_FRAGMENT = fileURLToPath(
  new URL('../sql/messaging.prisma', import.meta.url),
);

export interface MessagingMigration {
  /** The folder name a service gives its copy, e.g. `20261129100000_messaging`. */
  name: string;
  sql: string;
}

/** The package's migrations in the order they apply. */
export async function readMessagingMigrations(): Promise<MessagingMigration[]> {
  const names = (await readdir(MESSAGING_MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (file) => ({
      name: file.slice(0, -'.sql'.length),
      sql: await readFile(path.join(MESSAGING_MIGRATIONS_DIR, file), 'utf8'),
    })),
  );
}

/**
 * What differs between the package and a service's copies: each package migration must exist as
 * `<migrationsDir>/<name>/migration.sql` with the same bytes, and schemaPath must contain the model
 * fragment verbatim. Returns one line per problem; empty when the copies match.
 */
export async function checkMessagingCopies(opts: {
  migrationsDir: string;
  schemaPath: string;
}): Promise<string[]> {
  const problems: string[] = [];
  for (const file of (await readdir(MESSAGING_MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql'))) {
    const name = file.slice(0, -'.sql'.length);
    const expected = await readFile(path.join(MESSAGING_MIGRATIONS_DIR, file));
    const copyPath = path.join(opts.migrationsDir, name, 'migration.sql');
    const copy = await readFile(copyPath).catch(() => undefined);
    if (copy === undefined)
      problems.push(`${copyPath} is missing: copy packages/messaging/sql/migrations/${file} there`);
    else if (!copy.equals(expected))
      problems.push(
        `${copyPath} differs from packages/messaging/sql/migrations/${file}: an applied migration never changes; add a new one in the package and copy it`,
      );
  }
  const fragment = (await readFile(MESSAGING_PRISMA_FRAGMENT, 'utf8')).trim();
  const schema = await readFile(opts.schemaPath, 'utf8');
  if (!schema.includes(fragment))
    problems.push(
      `${opts.schemaPath} does not contain packages/messaging/sql/messaging.prisma verbatim: paste the fragment in place of its messaging models`,
    );
  return problems;
}
