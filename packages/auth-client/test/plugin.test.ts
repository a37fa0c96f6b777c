import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService, HttpEnv, loadConfig, type KavoshApp } from '@kavosh/service-kit';
import { authenticate, createTokenVerifier, requireAuth, requireRole } from '../src/index.js';
import {
  AUDIENCE,
  ISSUER,
  makeKey,
  signToken,
  startJwksServer,
  type TestKey,
} from './jwks-server.js';

describe('authenticate plugin', () => {
  let key: TestKey;
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let app: KavoshApp;

  beforeAll(async () => {
    key = await makeKey('k1');
    jwks = await startJwksServer([key.publicJwk]);
    app = await buildService({
      name: 'plugin-test',
      version: '0.0.0',
      config: loadConfig(HttpEnv, { LOG_LEVEL: 'silent' }),
    });
    await app.register(authenticate, {
      verifier: createTokenVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE }),
    });
    app.get('/public', async (req) => ({ userId: req.identity?.userId ?? null }));
    app.get('/private', { preHandler: requireAuth() }, async (req) => ({
      userId: req.identity?.userId ?? null,
    }));
    app.get('/admin', { preHandler: requireRole('admin') }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await jwks.close();
  });

  it('puts the verified identity on the request', async () => {
    const token = await signToken(key);
    const res = await app.inject({
      url: '/private',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ userId: '0d9e2c52-5f0e-4a43-9f1c-8e1b8f3e8a11' });
  });

  it('answers 401 UNAUTHENTICATED without a token, and ignores identity headers', async () => {
    const res = await app.inject({ url: '/private', headers: { 'x-user-id': 'admin' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers 401 TOKEN_INVALID for a bad token on a protected route, and null identity on a public one', async () => {
    const bad = { authorization: 'Bearer abc.def.ghi' };
    const res = await app.inject({ url: '/private', headers: bad });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    const open = await app.inject({ url: '/public', headers: bad });
    expect(open.json()).toEqual({ userId: null });
    const basic = await app.inject({ url: '/private', headers: { authorization: 'Basic eDp5' } });
    expect(basic.json()).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('answers 403 FORBIDDEN when the role is missing, 200 when present', async () => {
    const user = await signToken(key);
    const forbidden = await app.inject({
      url: '/admin',
      headers: { authorization: `Bearer ${user}` },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'FORBIDDEN' });
    const admin = await signToken(key, { claims: { roles: ['admin'] } });
    const ok = await app.inject({ url: '/admin', headers: { authorization: `Bearer ${admin}` } });
    expect(ok.statusCode).toBe(200);
  });
});
