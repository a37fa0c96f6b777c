import { describe, expect, it } from 'vitest';
import { migrate } from '@kavosh/db';
import { checkMessagingCopies } from '@kavosh/messaging/testing';
import { checkDrift, createTestDatabase } from '@kavosh/testing';
import { MIGRATIONS_DIR, SCHEMA_PATH } from './helper.js';

describe('billing migrations', () => {
  it('builds exactly the schema that schema.prisma describes, and a re-run applies nothing', async () => {
    const db = await createTestDatabase({ label: 'billing-drift' });
    try {
      await migrate({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR });
      expect(await checkDrift({ schemaPath: SCHEMA_PATH, databaseUrl: db.url })).toEqual([]);
      expect(await migrate({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR })).toEqual({
        applied: [],
      });
    } finally {
      await db.drop();
    }
  });

  it('keeps byte-equal copies of the @kavosh/messaging migrations and its models', async () => {
    expect(
      await checkMessagingCopies({ migrationsDir: MIGRATIONS_DIR, schemaPath: SCHEMA_PATH }),
    ).toEqual([]);
  });
});
