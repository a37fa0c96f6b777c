import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type TestDatabase } from '@kavosh/testing';
import { startProcess, stopProcess, type RunningProcess } from './processes.js';
import { startSystem, type RunningSystem } from './system-processes.js';

describe('the whole system started from source', () => {
  let system: RunningSystem;
  let processes: RunningProcess[];
  let databases: TestDatabase[];
  let gateway: RunningProcess;

  beforeAll(async () => {
    system = await startSystem({ label: 'e2e-system' });
    ({ processes, databases, gateway } = system);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('brings every process to ready, and the gateway sees every service up', async () => {
    // The gateway's readiness does not wait for the services (one down must not take the edge
    // out of rotation): each process is asked, then the gateway's dependencies.
    await eventually(
      async () => {
        for (const proc of processes) {
          const res = await fetch(`${proc.url}/health/ready`).catch(() => undefined);
          expect(res?.status, `${proc.name}: ${await res?.text()}`).toBe(200);
        }
        const deps = await fetch(`${gateway.url}/health/dependencies`);
        expect(((await deps.json()) as { down: string[] }).down).toEqual([]);
      },
      { within: 90_000, interval: 500 },
    ).catch((err: unknown) => {
      const logs = processes.map((proc) => `--- ${proc.name}\n${proc.output().slice(-2_000)}`);
      throw new Error(`the system did not become ready:\n${logs.join('\n')}`, { cause: err });
    });
  }, 120_000);

  it('serves metrics and an OpenAPI 3.1 document from every process', async () => {
    for (const proc of processes) {
      const metricsUrl = proc === gateway ? system.gatewayMetricsUrl : proc.url;
      const metrics = await fetch(`${metricsUrl}/metrics`);
      expect(metrics.status, proc.name).toBe(200);
      expect(await metrics.text()).toContain('http_request_duration_seconds');
      const openapi = await fetch(`${proc.url}/openapi.json`);
      expect(openapi.status, proc.name).toBe(200);
      // The gateway serves the merged document of the whole public API (docs/api.md).
      const title = proc.name === 'gateway' ? 'Kavosh API' : proc.name;
      expect(await openapi.json()).toMatchObject({ openapi: '3.1.0', info: { title } });
    }
  });

  it('registers, logs in and reads the account through the gateway only', async () => {
    const email = `e2e-${Date.now()}@example.com`;
    const password = 'a long and unusual passphrase';
    const post = (path: string, body: unknown) =>
      fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const registered = await post('/api/auth/register', { email, password, displayName: 'E2E' });
    expect(registered.status, await registered.clone().text()).toBe(201);
    const login = await post('/api/auth/login', { email, password });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: unknown };
    expect(accessToken).toEqual(expect.any(String));

    const me = await fetch(`${gateway.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email, displayName: 'E2E', role: 'user' });

    const anonymous = await fetch(`${gateway.url}/api/auth/me`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('keeps a browser session in cookies through the gateway: refresh rotates them, a replay is refused', async () => {
    const email = `e2e-cookie-${Date.now()}@example.com`;
    const password = 'a long and unusual passphrase';
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const cookiesOf = (res: Response) =>
      Object.fromEntries(
        res.headers.getSetCookie().map((line) => {
          const [pair = ''] = line.split(';');
          const at = pair.indexOf('=');
          return [pair.slice(0, at), pair.slice(at + 1)];
        }),
      );
    expect((await post('/api/auth/register', { email, password, displayName: 'E2E' })).status).toBe(
      201,
    );
    const login = await post('/api/auth/login', { email, password, refreshTokenCookie: true });
    expect(login.status).toBe(200);
    // Both cookies cross the gateway (two Set-Cookie headers), and the body has no refresh token.
    const first = cookiesOf(login);
    expect(first.kavosh_refresh).toEqual(expect.any(String));
    expect(first.kavosh_csrf).toEqual(expect.any(String));
    expect(await login.json()).not.toHaveProperty('refreshToken');

    // auth's default CSRF_ALLOWED_ORIGINS is the gateway's own origin in development.
    const refresh = (cookies: Record<string, string>, csrf: string | undefined) =>
      post(
        '/api/auth/refresh',
        {},
        {
          origin: 'http://localhost:8080',
          cookie: `kavosh_refresh=${cookies.kavosh_refresh}; kavosh_csrf=${cookies.kavosh_csrf}`,
          ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }),
        },
      );
    const withoutCsrf = await refresh(first, undefined);
    expect(withoutCsrf.status).toBe(403);

    const rotated = await refresh(first, first.kavosh_csrf);
    expect(rotated.status, await rotated.clone().text()).toBe(200);
    const second = cookiesOf(rotated);
    expect(second.kavosh_refresh).toEqual(expect.any(String));
    expect(second.kavosh_refresh).not.toBe(first.kavosh_refresh);

    const replayed = await refresh(first, first.kavosh_csrf);
    expect(replayed.status).toBe(401);
  });

  it('migrates each service into its own schema', async () => {
    for (const db of databases) {
      const { createConnection } = await import('mariadb');
      const conn = await createConnection(db.url.replace(/^mysql:/, 'mariadb:'));
      try {
        const rows: { n: bigint }[] = await conn.query(
          'SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL',
        );
        expect(rows[0]?.n, db.name).toBeGreaterThan(0n);
      } finally {
        await conn.end();
      }
    }
  });

  it('stops every process cleanly on SIGTERM', async () => {
    const codes = await Promise.all(processes.map((proc) => stopProcess(proc)));
    expect(codes).toEqual(processes.map(() => 0));
  }, 60_000);
});

describe('a process with a malformed environment', () => {
  it('exits 1 naming the variable', async () => {
    const proc = startProcess('catalog', 'services/catalog/src/main.ts', {
      PORT: 'not-a-port',
      DATABASE_URL: 'postgres://nope',
    });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/PORT/);
    expect(proc.output()).toMatch(/DATABASE_URL/);
  }, 30_000);
});
