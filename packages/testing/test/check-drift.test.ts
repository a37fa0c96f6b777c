import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import mariadb from 'mariadb';
import { checkDrift, createTestDatabase } from '../src/index.js';
import type { TestDatabase } from '../src/index.js';
import { connectionConfig } from '../src/mysql.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/drift/', import.meta.url));
const SCHEMA = path.join(FIXTURE, 'schema.prisma');

// testing cannot depend on @kavosh/db, so the fixture migrations are applied as plain SQL.
async function applyMigrations(url: string): Promise<void> {
  const dir = path.join(FIXTURE, 'migrations');
  const folders = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  await sql(
    url,
    ...(await Promise.all(
      folders.map((f) => readFile(path.join(dir, f, 'migration.sql'), 'utf8')),
    )),
  );
}

async function sql(url: string, ...statements: string[]): Promise<void> {
  const conn = await mariadb.createConnection({
    ...connectionConfig(url),
    multipleStatements: true,
  });
  try {
    for (const s of statements) await conn.query(s);
  } finally {
    await conn.end();
  }
}

describe('checkDrift', () => {
  let db: TestDatabase;
  let tmp: string;
  const original = readFile(SCHEMA, 'utf8');

  /** The fixture schema with one edit, written to a temporary file. */
  async function schemaWith(find: string, replace: string): Promise<string> {
    const text = await original;
    if (!text.includes(find)) throw new Error(`fixture schema has no ${JSON.stringify(find)}`);
    const file = path.join(tmp, `schema-${Math.random().toString(16).slice(2)}.prisma`);
    await writeFile(file, text.replace(find, replace));
    return file;
  }

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'kavosh-drift-'));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));
  beforeEach(async () => {
    db = await createTestDatabase({ label: 'drift' });
    await applyMigrations(db.url);
  });
  afterEach(() => db.drop());

  it('finds no drift when the migrations match schema.prisma', async () => {
    expect(await checkDrift({ schemaPath: SCHEMA, databaseUrl: db.url })).toEqual([]);
  });

  it('names a column added to schema.prisma without a migration', async () => {
    const schemaPath = await schemaWith(
      '  score      Float?\n',
      '  score      Float?\n  ratingAvg  Float?      @map("rating_avg")\n',
    );
    expect(await checkDrift({ schemaPath, databaseUrl: db.url })).toEqual([
      'column movies.rating_avg: in schema.prisma, missing in the database (did you forget a migration?)',
    ]);
  });

  it('names a changed column type', async () => {
    const schemaPath = await schemaWith(
      'name    String   @db.VarChar(200)',
      'name    String   @db.VarChar(255)',
    );
    expect(await checkDrift({ schemaPath, databaseUrl: db.url })).toEqual([
      'column people.name: type varchar(255) in schema.prisma, varchar(200) in the database',
    ]);
  });

  it('names a changed nullability', async () => {
    const schemaPath = await schemaWith('synopsis   String?', 'synopsis   String ');
    expect(await checkDrift({ schemaPath, databaseUrl: db.url })).toEqual([
      'column movies.synopsis: NOT NULL in schema.prisma, NULL in the database',
    ]);
  });

  it('names an index that schema.prisma declares and the database lacks', async () => {
    const schemaPath = await schemaWith(
      '@@map("ratings")',
      '@@index([userId])\n  @@map("ratings")',
    );
    expect(await checkDrift({ schemaPath, databaseUrl: db.url })).toEqual([
      'index ratings.ratings_user_id_idx: in schema.prisma (normal on (user_id)), missing in the database (did you forget a migration?)',
    ]);
  });

  it('names a foreign key missing in the database', async () => {
    await sql(db.url, 'ALTER TABLE `ratings` DROP FOREIGN KEY `ratings_movie_id_fkey`');
    expect(await checkDrift({ schemaPath: SCHEMA, databaseUrl: db.url })).toEqual([
      'foreign key ratings.ratings_movie_id_fkey: in schema.prisma ((movie_id) → movies(id) ON DELETE CASCADE ON UPDATE CASCADE), missing in the database (did you forget a migration?)',
    ]);
  });

  it('names a changed referential action, using Prisma defaults for required relations', async () => {
    const schemaPath = await schemaWith(
      'movie      Movie   @relation(fields: [movieId], references: [id], onDelete: Cascade)',
      'movie      Movie   @relation(fields: [movieId], references: [id])',
    );
    expect(await checkDrift({ schemaPath, databaseUrl: db.url })).toEqual([
      'foreign key ratings.ratings_movie_id_fkey: (movie_id) → movies(id) ON DELETE RESTRICT ON UPDATE CASCADE in schema.prisma, (movie_id) → movies(id) ON DELETE CASCADE ON UPDATE CASCADE in the database',
    ]);
  });

  it('names tables, columns and indexes that exist only in the database', async () => {
    await sql(
      db.url,
      'CREATE TABLE `legacy_imports` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`))',
      'ALTER TABLE `people` ADD COLUMN `nickname` VARCHAR(50) NULL',
      'CREATE INDEX `people_name_idx` ON `people`(`name`)',
    );
    expect((await checkDrift({ schemaPath: SCHEMA, databaseUrl: db.url })).sort()).toEqual([
      'column people.nickname: in the database, not in schema.prisma',
      'index people.people_name_idx: in the database (normal on (name)), not in schema.prisma',
      'table legacy_imports: in the database, not in schema.prisma',
    ]);
  });

  it('names a table that has no migration', async () => {
    const schemaPath = await schemaWith(
      'model Person {',
      'model Tag {\n  id   Int    @id @default(autoincrement())\n  name String @unique\n\n  @@map("tags")\n}\n\nmodel Person {',
    );
    expect(await checkDrift({ schemaPath, databaseUrl: db.url })).toEqual([
      'table tags: in schema.prisma, missing in the database (did you forget a migration?)',
    ]);
  });
});
