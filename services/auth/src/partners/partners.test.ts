import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNER_KEYS_CHANNEL, PARTNER_VERIFY_PATH } from '@kavosh/auth-client';
import type { KavoshApp } from '@kavosh/service-kit';
import { eventually, getInfra, type TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { login, registerAndLogin, type Session } from '../../test/fixtures.js';
import { startAuth } from '../../test/helper.js';

const ADMIN_EMAIL = 'partner-admin@example.com';
const ADMIN_PASSWORD = 'bootstrap admin passphrase';
const DAY = 86_400_000;

describe('partner keys', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  let db: Database;
  let admin: Session;
  let subscriber: Redis;
  const announced: string[] = [];
  // The service's clock: tests move it past an overlap window.
  let clock = Date.now();

  beforeAll(async () => {
    svc = await startAuth({
      env: {
        AUTH_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
        AUTH_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
        PARTNER_KEY_PEPPER: 'a test pepper of at least thirty-two characters',
      },
      deps: { now: () => new Date(clock) },
    });
    app = svc.app;
    db = createDatabase(svc.databaseUrl);
    admin = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    subscriber = new Redis((await getInfra()).redisUrl);
    await subscriber.subscribe(PARTNER_KEYS_CHANNEL);
    subscriber.on('message', (_channel, prefix: string) => announced.push(prefix));
  });
  afterAll(async () => {
    await subscriber?.quit();
    await db?.$disconnect();
    await svc?.close();
  });

  const create = (body: Record<string, unknown>, session: Session = admin) =>
    app.inject({
      method: 'POST',
      url: '/admin/partners/keys',
      headers: session.auth,
      payload: body,
    });
  const validBody = () => ({
    partner: 'acme-devices',
    scopes: ['catalog:read', 'playback:issue'],
    tier: 'standard',
    expiresAt: new Date(clock + 30 * DAY).toISOString(),
  });
  const verify = (key: string) =>
    app.inject({ method: 'POST', url: PARTNER_VERIFY_PATH, payload: { key } });

  it('issues a key whose secret is shown once and stored only as a keyed hash', async () => {
    const res = await create(validBody());
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { key, secret } = res.json();
    expect(secret).toMatch(/^kvp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(secret.split('_')[1]).toBe(key.prefix);
    expect(key).toMatchObject({ partner: 'acme-devices', tier: 'standard', status: 'active' });
    const row = await db.partnerKey.findUniqueOrThrow({ where: { id: key.id } });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(secret.slice(18));
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    // Never again: not in the list, not in the key's own answer.
    const one = await app.inject({ url: `/admin/partners/keys/${key.id}`, headers: admin.auth });
    expect(one.statusCode).toBe(200);
    expect(one.body).not.toContain(secret.slice(18));
    const list = await app.inject({
      url: '/admin/partners/keys?partner=acme-devices',
      headers: admin.auth,
    });
    expect(list.json().items.map((k: { id: string }) => k.id)).toContain(key.id);
    expect(list.body).not.toContain(secret.slice(18));

    const verified = await verify(secret);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      keyId: key.id,
      prefix: key.prefix,
      partner: 'acme-devices',
      scopes: ['catalog:read', 'playback:issue'],
      tier: 'standard',
    });
    const audit = await db.partnerKeyAudit.findMany({ where: { keyId: key.id } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['created', admin.userId]]);
  });

  it('answers one PARTNER_KEY_INVALID for a malformed, unknown or wrong-secret key', async () => {
    const { secret } = (await create(validBody())).json();
    const wrongSecret = `${secret.slice(0, 17)}${'A'.repeat(43)}`;
    const unknownPrefix = `kvp_000000000000_${secret.slice(18)}`;
    for (const key of ['nonsense', wrongSecret, unknownPrefix, `${secret}x`]) {
      const res = await verify(key);
      expect(res.statusCode, key).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('PARTNER_KEY_INVALID');
      expect(res.json().detail).toBe('The partner key is invalid, expired or revoked.');
    }
  });

  it('keeps the old secret valid for the overlap window after a rotation, then refuses it', async () => {
    const { key, secret: first } = (await create(validBody())).json();
    const rotated = await app.inject({
      method: 'POST',
      url: `/admin/partners/keys/${key.id}/rotate`,
      headers: admin.auth,
      payload: { overlapSeconds: 60 },
    });
    expect(rotated.statusCode).toBe(200);
    const second: string = rotated.json().secret;
    expect(second).not.toBe(first);
    expect(second.split('_')[1]).toBe(key.prefix);
    expect(rotated.json().key.previousSecretValidUntil).toBe(
      new Date(clock + 60_000).toISOString(),
    );
    await eventually(() => expect(announced).toContain(key.prefix));

    expect((await verify(first)).json().validUntil).toBe(new Date(clock + 60_000).toISOString());
    expect((await verify(second)).statusCode).toBe(200);
    clock += 61_000;
    expect((await verify(first)).statusCode).toBe(401);
    expect((await verify(second)).statusCode).toBe(200);
    const audit = await db.partnerKeyAudit.findMany({ where: { keyId: key.id } });
    expect(audit.map((a) => a.action)).toEqual(['created', 'rotated']);
  });

  it('revokes both secrets at once and announces it to the gateways', async () => {
    const { key, secret: first } = (await create(validBody())).json();
    const rotated = await app.inject({
      method: 'POST',
      url: `/admin/partners/keys/${key.id}/rotate`,
      headers: admin.auth,
      payload: {},
    });
    const second: string = rotated.json().secret;
    expect((await verify(first)).statusCode).toBe(200);
    const revoked = await app.inject({
      method: 'POST',
      url: `/admin/partners/keys/${key.id}/revoke`,
      headers: admin.auth,
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    expect((await verify(first)).statusCode).toBe(401);
    expect((await verify(second)).statusCode).toBe(401);
    await eventually(() =>
      expect(announced.filter((prefix) => prefix === key.prefix)).toHaveLength(2),
    );
    const again = await app.inject({
      method: 'POST',
      url: `/admin/partners/keys/${key.id}/rotate`,
      headers: admin.auth,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PARTNER_KEY_INACTIVE');
    const audit = await db.partnerKeyAudit.findMany({ where: { keyId: key.id } });
    expect(audit.map((a) => a.action)).toEqual(['created', 'rotated', 'revoked']);
  });

  it('refuses an expired key', async () => {
    const { secret } = (
      await create({ ...validBody(), expiresAt: new Date(clock + 5_000).toISOString() })
    ).json();
    expect((await verify(secret)).statusCode).toBe(200);
    clock += 6_000;
    expect((await verify(secret)).statusCode).toBe(401);
  });

  it('refuses bad input: unknown scope or tier, extra fields, bad names, past or far expiry', async () => {
    const bad: Record<string, unknown>[] = [
      { ...validBody(), scopes: ['catalog:write'] },
      { ...validBody(), scopes: [] },
      { ...validBody(), scopes: ['catalog:read', 'catalog:read'] },
      { ...validBody(), tier: 'gold' },
      { ...validBody(), partner: 'Acme Devices' },
      { ...validBody(), partner: 'a'.repeat(64) },
      { ...validBody(), secret: 'mine' },
      { ...validBody(), expiresAt: 'tomorrow' },
    ];
    for (const body of bad) {
      const res = await create(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    for (const expiresAt of [new Date(clock - 1000), new Date(clock + 800 * DAY)]) {
      const res = await create({ ...validBody(), expiresAt: expiresAt.toISOString() });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('PARTNER_KEY_EXPIRY_INVALID');
    }
    const rotate = await app.inject({
      method: 'POST',
      url: `/admin/partners/keys/${crypto.randomUUID()}/rotate`,
      headers: admin.auth,
      payload: { overlapSeconds: 8 * 86_400 },
    });
    expect(rotate.statusCode).toBe(400);
    const missing = await app.inject({
      method: 'POST',
      url: `/admin/partners/keys/${crypto.randomUUID()}/revoke`,
      headers: admin.auth,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('PARTNER_KEY_NOT_FOUND');
  });

  it('refuses every admin route to a user (403) and to anonymous callers (401)', async () => {
    const user = await registerAndLogin(app);
    const { key } = (await create(validBody())).json();
    const routes = [
      { method: 'POST' as const, url: '/admin/partners/keys', payload: validBody() },
      { method: 'GET' as const, url: '/admin/partners/keys' },
      { method: 'GET' as const, url: `/admin/partners/keys/${key.id}` },
      { method: 'POST' as const, url: `/admin/partners/keys/${key.id}/rotate`, payload: {} },
      { method: 'POST' as const, url: `/admin/partners/keys/${key.id}/revoke` },
    ];
    for (const route of routes) {
      const forbidden = await app.inject({ ...route, headers: user.auth });
      expect(forbidden.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect((await app.inject(route)).statusCode).toBe(401);
    }
    expect(
      (await app.inject({ url: `/admin/partners/keys/${key.id}`, headers: admin.auth })).json()
        .status,
    ).toBe('active');
  });

  it('keeps the verification endpoint out of the published document', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).not.toContain(PARTNER_VERIFY_PATH);
    expect(doc.paths['/admin/partners/keys/{id}/revoke'].post['x-kavosh-access']).toEqual({
      roles: ['admin'],
    });
  });
});
