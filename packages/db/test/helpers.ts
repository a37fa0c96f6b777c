import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mariadb from 'mariadb';
import type { Connection } from 'mariadb';
import { connectionConfig } from '../src/connection.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A private copy of a fixture migrations directory that a test may edit. */
export async function copyFixture(name: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'kavosh-db-'));
  const dir = path.join(parent, 'migrations');
  await cp(path.join(FIXTURES, name), dir, { recursive: true });
  return { dir, remove: () => rm(parent, { recursive: true, force: true }) };
}

export async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T> {
  const conn: Connection = await mariadb.createConnection(connectionConfig(url));
  try {
    return await conn.query(sql, values);
  } finally {
    await conn.end();
  }
}
