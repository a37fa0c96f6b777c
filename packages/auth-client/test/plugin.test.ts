import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService, HttpEnv, loadConfig, type KavoshApp } from '@kavosh/service-kit';
import { authenticate, createTokenVerifier } from '../src/index.js';
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
    app.get('/public', { config: { access: 'public' } }, async (req) => ({
      userId: req.identity?.userId ?? null,
    }));
    app.get('/private', { config: { access: 'authenticated' } }, async (req) => ({
      userId: req.identity?.userId ?? null,
    }));
    app.post(
      '/admin',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          body: {
            type: 'object',
            properties: { n: { type: 'integer' } },
            required: ['n'],
            additionalProperties: false,
          },
        },
      },
      async () => ({ ok: true }),
    );
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
      method: 'POST',
      url: '/admin',
      headers: { authorization: `Bearer ${user}` },
      payload: { n: 1 },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'FORBIDDEN' });
    const admin = await signToken(key, { claims: { roles: ['admin'] } });
    const ok = await app.inject({
      method: 'POST',
      url: '/admin',
      headers: { authorization: `Bearer ${admin}` },
      payload: { n: 1 },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('when a caller may not use a route, then it is refused before its body is validated', async () => {
    const res = await app.inject({ method: 'POST', url: '/admin', payload: { wrong: true } });
    expect(res.statusCode).toBe(401);
    const user = await signToken(key);
    const forbidden = await app.inject({
      method: 'POST',
      url: '/admin',
      headers: { authorization: `Bearer ${user}` },
      payload: { wrong: true },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('publishes each route access in its OpenAPI operation, and nothing internal', async () => {
    const doc = app.swagger() as unknown as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.paths['/public']?.get?.['x-kavosh-access']).toBe('public');
    expect(doc.paths['/private']?.get?.['x-kavosh-access']).toBe('authenticated');
    expect(doc.paths['/admin']?.post?.['x-kavosh-access']).toEqual({ roles: ['admin'] });
    expect(doc.paths['/health/ready']).toBeUndefined();
  });
});

describe('access declarations', () => {
  const build = async () => {
    const app = await buildService({
      name: 'declarations-test',
      version: '0.0.0',
      config: loadConfig(HttpEnv, { LOG_LEVEL: 'silent' }),
    });
    const key = await makeKey('k2');
    const jwks = await startJwksServer([key.publicJwk]);
    await app.register(authenticate, {
      verifier: createTokenVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE }),
    });
    return { app, close: async () => Promise.all([app.close(), jwks.close()]) };
  };

  it('when a route declares no access, then the service refuses to start', async () => {
    const { app, close } = await build();
    try {
      expect(() => app.get('/undeclared', async () => ({}))).toThrow(
        /GET \/undeclared declares no access/,
      );
    } finally {
      await close();
    }
  });

  it('when a route declares a malformed access, then the service refuses to start', async () => {
    const { app, close } = await build();
    try {
      expect(() =>
        app.get('/bad', { config: { access: { roles: ['root'] } as never } }, async () => ({})),
      ).toThrow(/invalid access/);
    } finally {
      await close();
    }
  });
});
