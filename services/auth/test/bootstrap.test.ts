import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@kavosh/db';
import type { KavoshApp } from '@kavosh/service-kit';
import { createTestDatabase, getInfra, uniquePrefix, type TestDatabase } from '@kavosh/testing';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { createDatabase } from '../src/db.js';
import { keySet, MIGRATIONS_DIR, privateJwk, TEST_ARGON2 } from './helper.js';

describe('bootstrap admin', () => {
  let db: TestDatabase;
  const apps: KavoshApp[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ label: 'auth-bootstrap' });
    await migrate({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR });
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await db.drop();
  });

  it('is created once when two replicas start together on an empty database', async () => {
    const infra = await getInfra();
    const jwks = keySet(privateJwk('bootstrap'));
    const start = async () => {
      const prefix = uniquePrefix('auth-boot');
      const app = await buildApp(
        readConfig({
          DATABASE_URL: db.url,
          AMQP_URL: infra.amqpUrl,
          REDIS_URL: infra.redisUrl,
          LOG_LEVEL: 'silent',
          JWT_PRIVATE_JWKS: jwks,
          AUTH_BOOTSTRAP_ADMIN_EMAIL: 'Boss@Example.com',
          AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'a bootstrap passphrase',
        }),
        {
          messaging: { isolation: { exchange: `${prefix}.events`, queuePrefix: `${prefix}.` } },
          redisKeyPrefix: `${prefix}:`,
          argon2ForTestsOnly: TEST_ARGON2,
        },
      );
      apps.push(app);
      await app.ready();
      return app;
    };
    const [first] = await Promise.all([start(), start()]);
    const prisma = createDatabase(db.url);
    try {
      const admins = await prisma.user.findMany({ where: { role: 'admin' } });
      expect(admins.map((user) => user.email)).toEqual(['boss@example.com']);
    } finally {
      await prisma.$disconnect();
    }
    const login = await first?.inject({
      method: 'POST',
      url: '/login',
      payload: { email: 'boss@example.com', password: 'a bootstrap passphrase' },
    });
    expect(login?.json().user.role).toBe('admin');
  });
});
