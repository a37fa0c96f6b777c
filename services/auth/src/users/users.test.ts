import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startAuth } from '../../test/helper.js';
import { login, registerAndLogin, uniqueEmail, type Session } from '../../test/fixtures.js';

const ADMIN_EMAIL = 'root-admin@example.com';
const ADMIN_PASSWORD = 'bootstrap admin passphrase';

describe('admin /users', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  let db: Database;
  let admin: Session;

  beforeAll(async () => {
    svc = await startAuth({
      env: {
        AUTH_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
        AUTH_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      },
    });
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
    admin = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await db.$disconnect();
    await svc.close();
  });

  const setRole = (session: Session, id: string, role: string) =>
    app.inject({
      method: 'PATCH',
      url: `/users/${id}/role`,
      headers: session.auth,
      payload: { role },
    });

  it('creates the bootstrap admin once, when no admin exists', async () => {
    const me = await app.inject({ url: '/me', headers: admin.auth });
    expect(me.json()).toMatchObject({ email: ADMIN_EMAIL, role: 'admin' });
    expect(await db.user.count({ where: { role: 'admin' } })).toBe(1);
  });

  it('refuses every admin route to a user with 403 and to anonymous callers with 401', async () => {
    const user = await registerAndLogin(app);
    const routes = [
      { method: 'GET' as const, url: '/users' },
      { method: 'GET' as const, url: `/users/${admin.userId}` },
      { method: 'PATCH' as const, url: `/users/${user.userId}/role`, payload: { role: 'admin' } },
      { method: 'DELETE' as const, url: `/users/${admin.userId}` },
    ];
    for (const route of routes) {
      const forbidden = await app.inject({ ...route, headers: user.auth });
      expect(forbidden.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(forbidden.json().code).toBe('FORBIDDEN');
      const anonymous = await app.inject(route);
      expect(anonymous.statusCode).toBe(401);
    }
    expect(await db.user.count({ where: { role: 'admin' } })).toBe(1);
  });

  it('lists users with a cursor and searches by email prefix', async () => {
    const prefix = `list-${randomUUID().slice(0, 6)}`;
    for (let i = 0; i < 3; i += 1)
      await registerAndLogin(app, { email: `${prefix}-${i}@example.com` });
    const first = await app.inject({
      url: `/users?limit=2&email=${prefix.toUpperCase()}`,
      headers: admin.auth,
    });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await app.inject({
      url: `/users?limit=2&email=${prefix}&cursor=${page1.nextCursor}`,
      headers: admin.auth,
    });
    const page2 = second.json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const emails = [...page1.items, ...page2.items]
      .map((user: { email: string }) => user.email)
      .sort();
    expect(emails).toEqual([0, 1, 2].map((i) => `${prefix}-${i}@example.com`));
    const bad = await app.inject({ url: '/users?limit=1000', headers: admin.auth });
    expect(bad.statusCode).toBe(400);
  });

  it('GET /users/:id answers 404 USER_NOT_FOUND and 400 for a malformed id', async () => {
    expect(
      (await app.inject({ url: `/users/${randomUUID()}`, headers: admin.auth })).json().code,
    ).toBe('USER_NOT_FOUND');
    expect((await app.inject({ url: '/users/not-a-uuid', headers: admin.auth })).statusCode).toBe(
      400,
    );
  });

  it('changes a role, publishes auth.user.updated.v1 and the next refresh carries the new role', async () => {
    const user = await registerAndLogin(app);
    const res = await setRole(admin, user.userId, 'editor');
    expect(res.json()).toMatchObject({ id: user.userId, role: 'editor' });
    const events = await db.$queryRaw<{ envelope: string }[]>`
      SELECT envelope FROM outbox WHERE subject = ${user.userId} AND type = 'auth.user.updated.v1'`;
    expect(JSON.parse(events[0]?.envelope ?? '{}').data.roles).toEqual(['editor']);
    const refreshed = await app.inject({
      method: 'POST',
      url: '/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    const payload = JSON.parse(
      Buffer.from(refreshed.json().accessToken.split('.')[1], 'base64url').toString(),
    );
    expect(payload.roles).toEqual(['editor']);
    expect((await setRole(admin, user.userId, 'superuser')).statusCode).toBe(400);
  });

  it('never lets the last admin be demoted or deleted (409 LAST_ADMIN)', async () => {
    const demote = await setRole(admin, admin.userId, 'user');
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('LAST_ADMIN');
    const remove = await app.inject({
      method: 'DELETE',
      url: `/users/${admin.userId}`,
      headers: admin.auth,
    });
    expect(remove.json().code).toBe('LAST_ADMIN');

    // With a second admin, one may step down; then the other is the last again.
    const second = await registerAndLogin(app, { email: uniqueEmail('admin2') });
    expect((await setRole(admin, second.userId, 'admin')).statusCode).toBe(200);
    const both = await Promise.all([
      setRole(admin, admin.userId, 'user'),
      setRole(admin, second.userId, 'user'),
    ]);
    expect(both.map((res) => res.statusCode).sort()).toEqual([200, 409]);
    expect(await db.user.count({ where: { role: 'admin' } })).toBe(1);
  });

  it('DELETE /users/:id deletes the account, its sessions, and publishes auth.user.deleted.v1', async () => {
    const current = await db.user.findFirstOrThrow({ where: { role: 'admin' } });
    const acting = current.email === ADMIN_EMAIL ? admin : await login(app, current.email);
    const victim = await registerAndLogin(app);
    const res = await app.inject({
      method: 'DELETE',
      url: `/users/${victim.userId}`,
      headers: acting.auth,
    });
    expect(res.statusCode).toBe(204);
    expect(await db.refreshToken.count({ where: { userId: victim.userId } })).toBe(0);
    const types = await db.$queryRaw<{ type: string }[]>`
      SELECT type FROM outbox WHERE subject = ${victim.userId} ORDER BY id`;
    expect(types.map((row) => row.type)).toEqual([
      'auth.user.registered.v1',
      'auth.user.deleted.v1',
    ]);
    const again = await app.inject({
      method: 'DELETE',
      url: `/users/${victim.userId}`,
      headers: acting.auth,
    });
    expect(again.statusCode).toBe(404);
  });
});
