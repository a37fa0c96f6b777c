import { readFile } from 'node:fs/promises';
import { actualShape } from './drift/actual.js';
import { compareShapes } from './drift/compare.js';
import { expectedShape } from './drift/expected.js';
import { connectionConfig, withConnection } from './mysql.js';

/**
 * Compares schema.prisma (parsed offline with getDMMF) with the migrated database at databaseUrl:
 * tables, columns (type, nullability, defaults, AUTO_INCREMENT), primary keys, indexes and foreign
 * keys, both ways. Returns one human-readable line per difference; [] means no drift.
 */
export async function checkDrift(opts: {
  schemaPath: string;
  databaseUrl: string;
}): Promise<string[]> {
  const schema = connectionConfig(opts.databaseUrl).database;
  if (!schema) throw new Error('checkDrift(): the database URL names no database');
  const expected = await expectedShape(await readFile(opts.schemaPath, 'utf8'));
  const actual = await withConnection(opts.databaseUrl, (conn) => actualShape(conn, schema));
  return compareShapes(expected, actual);
}
