import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@kavosh/db';
import { createTestDatabase, type TestDatabase } from '@kavosh/testing';
import { accountsRepository as repo } from '../src/accounts/repository.js';
import { createDatabase, type Database } from '../src/db.js';
import { MIGRATIONS_DIR } from './helper.js';

describe('the accounts repository on raw SQL', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase({ label: 'auth-repo' });
    await migrate({ databaseUrl: testDb.url, migrationsDir: MIGRATIONS_DIR });
    db = createDatabase(testDb.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await testDb.drop();
  });

  it('findByEmail answers exactly what the model call answers, and undefined for no account', async () => {
    const at = new Date('2026-03-04T05:06:07.890Z');
    const inserted = await db.$transaction((tx) =>
      repo.insert(tx, {
        id: randomUUID(),
        email: 'raw-and-model@example.com',
        displayName: 'Ünïcode – name',
        role: 'editor',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
        at,
      }),
    );
    await repo.update(db, inserted.id, { displayName: 'Renamed', at: new Date(at.getTime() + 1) });

    const raw = await repo.findByEmail(db, 'raw-and-model@example.com');
    expect(raw).toEqual(await repo.findByEmailViaModel(db, 'raw-and-model@example.com'));
    expect(raw).toEqual({
      ...inserted,
      displayName: 'Renamed',
      updatedAt: new Date(at.getTime() + 1),
    });
    expect(raw?.createdAt).toBeInstanceOf(Date);

    expect(await repo.findByEmail(db, 'nobody@example.com')).toBeUndefined();
    expect(await repo.findByEmailViaModel(db, 'nobody@example.com')).toBeUndefined();
  });
});
