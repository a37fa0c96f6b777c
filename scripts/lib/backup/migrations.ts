import { readdir } from 'node:fs/promises';

/** The migration folder names of a Prisma migrations directory, in the order migrate() applies them. */
export async function readMigrationFiles(migrationsDir: string): Promise<{ name: string }[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => ({ name: e.name }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
