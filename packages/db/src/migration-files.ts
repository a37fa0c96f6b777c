import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** The migration folders of a Prisma migrations directory, in lexical order of folder name. */
export async function readMigrationFiles(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const bytes = await readFile(path.join(migrationsDir, name, 'migration.sql')).catch(
      (err: unknown) => {
        if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
        throw err;
      },
    );
    if (bytes === undefined) continue;
    files.push({ name, sql: bytes.toString('utf8'), checksum: sha256(bytes) });
  }
  return files;
}

/** Prisma's checksum: hex SHA-256 of the script; like Prisma, line endings (LF/CRLF) do not count. */
export function checksumMatches(sql: string, checksum: string): boolean {
  const lf = sql.replace(/\r\n/g, '\n');
  return [sql, lf, lf.replace(/\n/g, '\r\n')].some(
    (variant) => sha256(Buffer.from(variant, 'utf8')) === checksum,
  );
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
