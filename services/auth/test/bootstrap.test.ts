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

describe('bootstrap admin when its email is already registered', () => {
  const databases: TestDatabase[] = [];
  const apps: KavoshApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all(databases.map((db) => db.drop()));
  });

  /** A fresh database with one ordinary account, registered through the public route. */
  async function withRegisteredAccount(email: string, password: string) {
    const db = await createTestDatabase({ label: 'auth-bootstrap-taken' });
    databases.push(db);
    await migrate({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR });
    const plain = await build(db.url, {});
    await plain.ready();
    const reg = await plain.inject({
      method: 'POST',
      url: '/register',
      payload: { email, password, displayName: 'Early bird' },
    });
    expect(reg.statusCode).toBe(201);
    await plain.close();
    return db;
  }

  async function build(databaseUrl: string, env: Record<string, string>) {
    const infra = await getInfra();
    const prefix = uniquePrefix('auth-boot');
    const app = await buildApp(
      readConfig({
        DATABASE_URL: databaseUrl,
        AMQP_URL: infra.amqpUrl,
        REDIS_URL: infra.redisUrl,
        LOG_LEVEL: 'silent',
        JWT_PRIVATE_JWKS: keySet(privateJwk('bootstrap')),
        ...env,
      }),
      {
        messaging: { isolation: { exchange: `${prefix}.events`, queuePrefix: `${prefix}.` } },
        redisKeyPrefix: `${prefix}:`,
        argon2ForTestsOnly: TEST_ARGON2,
      },
    );
    apps.push(app);
    return app;
  }

  async function roleOf(databaseUrl: string, email: string) {
    const prisma = createDatabase(databaseUrl);
    try {
      return (await prisma.user.findUnique({ where: { email } }))?.role;
    } finally {
      await prisma.$disconnect();
    }
  }

  it('refuses to start, and promotes nobody, when that account has another password', async () => {
    const db = await withRegisteredAccount('taken@example.com', 'the squatter’s passphrase');
    const app = await build(db.url, {
      AUTH_BOOTSTRAP_ADMIN_EMAIL: 'taken@example.com',
      AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'a bootstrap passphrase',
    });
    await expect(app.ready()).rejects.toThrow(
      /AUTH_BOOTSTRAP_ADMIN_EMAIL belongs to an existing account whose password is not AUTH_BOOTSTRAP_ADMIN_PASSWORD/,
    );
    expect(await roleOf(db.url, 'taken@example.com')).toBe('user');
  });

  it('promotes that account when its password is the bootstrap password', async () => {
    const db = await withRegisteredAccount('owner@example.com', 'a bootstrap passphrase');
    const app = await build(db.url, {
      AUTH_BOOTSTRAP_ADMIN_EMAIL: 'Owner@Example.com',
      AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'a bootstrap passphrase',
    });
    await app.ready();
    expect(await roleOf(db.url, 'owner@example.com')).toBe('admin');
  });
});
