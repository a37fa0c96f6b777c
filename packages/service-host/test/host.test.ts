import { createPool, type Pool } from 'mariadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTokens } from '@kavosh/auth-client/testing';
import { poolRunner } from '@kavosh/messaging';
import { readMessagingMigrations } from '@kavosh/messaging/testing';
import { CommonEnv, loadConfig } from '@kavosh/service-kit';
import {
  connectionConfig,
  createTestDatabase,
  getInfra,
  TcpProxy,
  uniquePrefix,
  type TestDatabase,
} from '@kavosh/testing';
import { hostService, type HostedService } from '../src/index.js';

// The smallest database a service can have: a raw pool behind the same structural interface a
// Prisma client offers (transactions, raw SQL, disconnect).
const poolDatabase = (url: string) => {
  const pool: Pool = createPool({
    ...connectionConfig(url, { multipleStatements: true }),
    connectionLimit: 4,
    acquireTimeout: 2_000,
  });
  return Object.assign(poolRunner(pool), { $disconnect: () => pool.end() });
};

describe('hostService', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let hosted: HostedService<ReturnType<typeof poolDatabase>>;
  let closed = false;
  let undeclared: unknown;

  beforeAll(async () => {
    const infra = await getInfra();
    database = await createTestDatabase({ label: 'host' });
    const setup = poolDatabase(database.url);
    for (const migration of await readMessagingMigrations()) {
      await setup.$executeRawUnsafe(migration.sql);
    }
    await setup.$disconnect();
    proxy = await TcpProxy.start({ target: database.url });
    const prefix = uniquePrefix('host');
    const config = loadConfig(CommonEnv, {
      DATABASE_URL: proxy.rewrite(database.url),
      AMQP_URL: infra.amqpUrl,
      REDIS_URL: infra.redisUrl,
      LOG_LEVEL: 'silent',
    });
    hosted = await hostService({
      name: 'hosted',
      description: 'A service with one route.',
      packageJson: new URL('../package.json', import.meta.url),
      config,
      createDatabase: poolDatabase,
      verifier: (await testTokens()).verifier,
      messaging: { isolation: { exchange: `${prefix}.events`, queuePrefix: `${prefix}.` } },
    });
    hosted.app.get('/things', { config: { access: 'authenticated' } }, async () => {
      await hosted.db.$queryRawUnsafe('SELECT 1');
      return { ok: true };
    });
    try {
      hosted.app.get('/open', async () => ({}));
    } catch (err) {
      undeclared = err;
    }
    await hosted.app.ready();
  });
  afterAll(async () => {
    if (!closed) await hosted?.app.close();
    await proxy?.close();
    await database?.drop();
  });

  it('when a feature registers a route, then its declared access is enforced and published', async () => {
    const anonymous = await hosted.app.inject({ url: '/things' });
    expect(anonymous.statusCode).toBe(401);
    const token = await (await testTokens()).tokenFor();
    const res = await hosted.app.inject({
      url: '/things',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const doc = (await hosted.app.inject({ url: '/openapi.json' })).json<{
      info: { title: string; version: string };
      paths: Record<string, Record<string, Record<string, unknown>>>;
    }>();
    expect(doc.info).toMatchObject({ title: 'hosted', version: '0.1.0' });
    expect(doc.paths['/things']?.get?.['x-kavosh-access']).toBe('authenticated');
  });

  it('when a route declares no access, then registering it fails', () => {
    expect(undeclared).toBeInstanceOf(Error);
    expect((undeclared as Error).message).toMatch(/GET \/open declares no access/);
  });

  it('when the database is cut, then requests answer 503 problem+json naming it, and readiness too', async () => {
    const token = await (await testTokens()).tokenFor();
    proxy.cut();
    try {
      const res = await hosted.app.inject({
        url: '/things',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const ready = await hosted.app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.body).toContain('database');
    } finally {
      proxy.restore();
    }
  });

  it('when the app closes, then messaging and the database close with it', async () => {
    await hosted.app.close();
    closed = true;
    await expect(hosted.db.$queryRawUnsafe('SELECT 1')).rejects.toThrow();
  });
});
