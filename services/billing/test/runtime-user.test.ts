import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, provision } from '@kavosh/db';
import { createEvent, publishInTx } from '@kavosh/messaging';
import type { KavoshApp } from '@kavosh/service-kit';
import {
  createTestDatabase,
  eventually,
  getInfra,
  type TestDatabase,
  type TestService,
} from '@kavosh/testing';
import { createDatabase, type Database } from '../src/db.js';
import { startBilling, watchEvents } from './helper.js';

/** adminUrl's server, as user, on schema. */
function urlAs(adminUrl: string, user: string, password: string, schema: string): string {
  const url = new URL(adminUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${schema}`;
  return url.toString();
}

// As deployed: the schema migrated by its migrator, the service running as a user with data
// rights only (SELECT, INSERT, UPDATE, DELETE) still serves and relays its outbox.
describe('billing running as its data-only database user', () => {
  let schema: TestDatabase;
  let adminUrl: string;
  let runtimeUrl: string;
  let billing: TestService<KavoshApp>;
  let db: Database;
  let observer: Awaited<ReturnType<typeof watchEvents>>;
  const hex = randomBytes(4).toString('hex');
  const runtime = { user: `t_rt_${hex}`, password: randomBytes(18).toString('base64url') };
  const migrator = { user: `t_mg_${hex}`, password: randomBytes(18).toString('base64url') };

  beforeAll(async () => {
    const infra = await getInfra();
    adminUrl = infra.mysqlAdminUrl;
    schema = await createTestDatabase({ label: 'billing_runtime' });
    await provision({
      adminUrl,
      databases: [{ schema: schema.name, ...runtime, migrator }],
    });
    await migrate({
      databaseUrl: urlAs(adminUrl, migrator.user, migrator.password, schema.name),
      migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    });
    runtimeUrl = urlAs(adminUrl, runtime.user, runtime.password, schema.name);
    billing = await startBilling({ rewriteDatabaseUrl: () => runtimeUrl });
    db = createDatabase(runtimeUrl);
    observer = await watchEvents({
      amqpUrl: infra.amqpUrl,
      exchange: `${billing.prefix}.events`,
      name: 'billing-runtime-observer',
    });
  });
  afterAll(async () => {
    await observer?.close();
    await db?.$disconnect();
    await billing?.close();
    // The users go with the schema; the admin connects through the service's own client.
    const adminOnSchema = new URL(adminUrl);
    adminOnSchema.pathname = `/${schema.name}`;
    const admin = createDatabase(adminOnSchema.toString());
    try {
      for (const user of [runtime.user, migrator.user])
        await admin.$executeRawUnsafe(`DROP USER IF EXISTS '${user}'@'%'`);
    } finally {
      await admin.$disconnect();
    }
    await schema?.drop();
  });

  it('is ready and publishes what it writes to its outbox', async () => {
    const ready = await billing.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    const event = createEvent({
      type: 'billing.test.happened.v1',
      source: 'billing',
      subject: 'runtime-1',
      data: { n: 1 },
    });
    await db.$transaction(async (tx) => publishInTx(tx, event));
    await eventually(() => expect(observer.received).toContain(event.id), { within: 15_000 });
  });

  it('cannot change the schema', async () => {
    await expect(db.$executeRawUnsafe('CREATE TABLE intruder (id INT)')).rejects.toThrow(/denied/i);
    await expect(db.$executeRawUnsafe('DROP TABLE outbox')).rejects.toThrow(/denied/i);
  });
});
