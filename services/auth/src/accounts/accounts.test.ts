import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startAuth } from '../../test/helper.js';
import { PASSWORD, registerAndLogin, uniqueEmail } from '../../test/fixtures.js';

describe('accounts', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  let db: Database;

  beforeAll(async () => {
    svc = await startAuth();
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
  });
  afterAll(async () => {
    await db.$disconnect();
    await svc.close();
  });

  const register = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/register', payload });

  describe('POST /register', () => {
    it('creates a user with the role user, normalises the email and never returns the hash', async () => {
      const email = uniqueEmail('Mixed').toUpperCase();
      const res = await register({ email: `${email}`, password: PASSWORD, displayName: ' Ada ' });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ email: email.toLowerCase(), displayName: 'Ada', role: 'user' });
      expect(Object.keys(body).sort()).toEqual(
        ['createdAt', 'displayName', 'email', 'id', 'role', 'updatedAt'].sort(),
      );
    });

    it('writes auth.user.registered.v1 to the outbox with the user', async () => {
      const email = uniqueEmail();
      const res = await register({ email, password: PASSWORD, displayName: 'Evented' });
      const id: string = res.json().id;
      const rows = await db.$queryRaw<{ type: string; envelope: string }[]>`
        SELECT type, envelope FROM outbox WHERE subject = ${id}`;
      expect(rows.map((row) => row.type)).toEqual(['auth.user.registered.v1']);
      expect(JSON.parse(rows[0]?.envelope ?? '{}')).toMatchObject({
        source: '/kavosh/auth',
        data: { userId: id, email, displayName: 'Evented', roles: ['user'] },
      });
    });

    it("carries the request's traceparent into the event", async () => {
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const res = await app.inject({
        method: 'POST',
        url: '/register',
        headers: { traceparent },
        payload: { email: uniqueEmail(), password: PASSWORD, displayName: 'Traced' },
      });
      const id: string = res.json().id;
      const rows = await db.$queryRaw<{ envelope: string }[]>`
        SELECT envelope FROM outbox WHERE subject = ${id}`;
      expect(JSON.parse(rows[0]?.envelope ?? '{}')).toMatchObject({ traceparent });
    });

    it('answers 409 EMAIL_TAKEN for a duplicate email in any case', async () => {
      const email = uniqueEmail();
      await register({ email, password: PASSWORD, displayName: 'First' });
      const res = await register({
        email: email.toUpperCase(),
        password: PASSWORD,
        displayName: 'Second',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'EMAIL_TAKEN' });
    });

    it('refuses role in the body (mass assignment) with 400 listing the field', async () => {
      const res = await register({
        email: uniqueEmail(),
        password: PASSWORD,
        displayName: 'Sneaky',
        role: 'admin',
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    });

    it('refuses wrong types, a bad email, oversized fields and missing fields with 400', async () => {
      const cases: Record<string, unknown>[] = [
        { email: 42, password: PASSWORD, displayName: 'x' },
        { email: 'not-an-email', password: PASSWORD, displayName: 'x' },
        { email: uniqueEmail(), password: PASSWORD, displayName: 'x'.repeat(101) },
        { email: uniqueEmail(), password: 'p'.repeat(600), displayName: 'x' },
        { email: uniqueEmail(), password: PASSWORD },
      ];
      for (const payload of cases) {
        const res = await register(payload);
        expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
        expect(res.json().errors.length).toBeGreaterThan(0);
      }
    });

    it('refuses short, long and common passwords with 400 WEAK_PASSWORD', async () => {
      for (const password of ['short7!', 'a'.repeat(129), 'password1', 'Qwertyuiop']) {
        const res = await register({ email: uniqueEmail(), password, displayName: 'Weak' });
        expect(res.statusCode, password).toBe(400);
        expect(res.json().code).toBe('WEAK_PASSWORD');
      }
    });

    it('rolls the user back when the outbox insert fails (same transaction)', async () => {
      await db.$executeRawUnsafe(`CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox FOR EACH ROW
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'outbox refuses'`);
      const email = uniqueEmail('rollback');
      try {
        const res = await register({ email, password: PASSWORD, displayName: 'Rolled back' });
        expect(res.statusCode).toBe(500);
      } finally {
        await db.$executeRawUnsafe('DROP TRIGGER outbox_refuses');
      }
      expect(await db.user.count({ where: { email } })).toBe(0);
    });
  });

  describe('POST /login', () => {
    it('returns the user and a token pair', async () => {
      const session = await registerAndLogin(app);
      expect(session.accessToken.split('.')).toHaveLength(3);
      expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('counts sign-ups and login outcomes in /metrics', async () => {
      const counter = async (series: string) => {
        const text = (await app.inject({ url: '/metrics' })).body;
        const line = text.split('\n').find((l) => l.startsWith(`${series} `));
        return Number(line?.split(' ')[1] ?? 'NaN');
      };
      const before = {
        registered: await counter('auth_registrations_total'),
        success: await counter('auth_logins_total{result="success"}'),
        invalid: await counter('auth_logins_total{result="invalid_credentials"}'),
      };
      const { email } = await registerAndLogin(app);
      await app.inject({
        method: 'POST',
        url: '/login',
        payload: { email, password: 'wrong one!' },
      });
      expect(await counter('auth_registrations_total')).toBe(before.registered + 1);
      expect(await counter('auth_logins_total{result="success"}')).toBe(before.success + 1);
      expect(await counter('auth_logins_total{result="invalid_credentials"}')).toBe(
        before.invalid + 1,
      );
    });

    it('answers the same 401 INVALID_CREDENTIALS for a wrong password and an unknown email', async () => {
      const { email } = await registerAndLogin(app);
      const wrong = await app.inject({
        method: 'POST',
        url: '/login',
        payload: { email, password: 'not the password' },
      });
      const unknown = await app.inject({
        method: 'POST',
        url: '/login',
        payload: { email: uniqueEmail('ghost'), password: 'not the password' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    });

    it('refuses unknown fields', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/login',
        payload: { email: uniqueEmail(), password: PASSWORD, remember: true },
      });
      expect(res.statusCode).toBe(400);
    });
  });

  describe('/me', () => {
    it('GET answers the caller and 401 without a token', async () => {
      const session = await registerAndLogin(app, { displayName: 'Me' });
      const res = await app.inject({ url: '/me', headers: session.auth });
      expect(res.json()).toMatchObject({ id: session.userId, displayName: 'Me', role: 'user' });
      const anonymous = await app.inject({ url: '/me' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('UNAUTHENTICATED');
    });

    it('PATCH changes the display name, publishes auth.user.updated.v1 and refuses role', async () => {
      const session = await registerAndLogin(app);
      const res = await app.inject({
        method: 'PATCH',
        url: '/me',
        headers: session.auth,
        payload: { displayName: 'Renamed' },
      });
      expect(res.json().displayName).toBe('Renamed');
      const types = await db.$queryRaw<{ type: string }[]>`
        SELECT type FROM outbox WHERE subject = ${session.userId} ORDER BY id`;
      expect(types.map((row) => row.type)).toEqual([
        'auth.user.registered.v1',
        'auth.user.updated.v1',
      ]);
      const escalate = await app.inject({
        method: 'PATCH',
        url: '/me',
        headers: session.auth,
        payload: { displayName: 'Boss', role: 'admin' },
      });
      expect(escalate.statusCode).toBe(400);
      const me = await app.inject({ url: '/me', headers: session.auth });
      expect(me.json()).toMatchObject({ displayName: 'Renamed', role: 'user' });
    });

    it('DELETE needs the password, deletes the account and publishes auth.user.deleted.v1', async () => {
      const session = await registerAndLogin(app);
      const wrong = await app.inject({
        method: 'DELETE',
        url: '/me',
        headers: session.auth,
        payload: { password: 'not the password' },
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().code).toBe('WRONG_PASSWORD');
      const res = await app.inject({
        method: 'DELETE',
        url: '/me',
        headers: session.auth,
        payload: { password: PASSWORD },
      });
      expect(res.statusCode).toBe(204);
      expect(await db.user.count({ where: { id: session.userId } })).toBe(0);
      const types = await db.$queryRaw<{ type: string }[]>`
        SELECT type FROM outbox WHERE subject = ${session.userId} ORDER BY id`;
      expect(types.map((row) => row.type)).toContain('auth.user.deleted.v1');
      const refresh = await app.inject({
        method: 'POST',
        url: '/refresh',
        payload: { refreshToken: session.refreshToken },
      });
      expect(refresh.statusCode).toBe(401);
      const me = await app.inject({ url: '/me', headers: session.auth });
      expect(me.statusCode).toBe(404);
    });
  });
});
