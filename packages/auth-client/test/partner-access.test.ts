import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService, HttpEnv, loadConfig, type KavoshApp } from '@kavosh/service-kit';
import {
  ACCESS_EXTENSION,
  authenticate,
  createTokenVerifier,
  formatPartnerHeader,
  isAccess,
} from '../src/index.js';
import {
  AUDIENCE,
  ISSUER,
  makeKey,
  signToken,
  startJwksServer,
  type TestKey,
} from './jwks-server.js';

const partnerHeader = (scopes: ('catalog:read' | 'playback:issue')[]) => ({
  'x-internal-partner': formatPartnerHeader({ keyId: 'key-1', partner: 'acme', scopes }),
});

describe('the partner:<scope> access kind', () => {
  let key: TestKey;
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let app: KavoshApp;

  beforeAll(async () => {
    key = await makeKey('k1');
    jwks = await startJwksServer([key.publicJwk]);
    app = await buildService({
      name: 'partner-access-test',
      version: '0.0.0',
      config: loadConfig(HttpEnv, { LOG_LEVEL: 'silent' }),
    });
    await app.register(authenticate, {
      verifier: createTokenVerifier({ jwksUrl: jwks.url, issuer: ISSUER, audience: AUDIENCE }),
    });
    const who = async (req: { identity: { userId: string } | null; partner: unknown }) => ({
      userId: req.identity?.userId ?? null,
      partner: req.partner,
    });
    app.get('/partners-only', { config: { access: { partner: 'catalog:read' } } }, who);
    app.get(
      '/admins-or-partners',
      { config: { access: { user: { roles: ['admin'] }, partner: 'catalog:read' } } },
      who,
    );
    app.get(
      '/anyone-or-partners',
      { config: { access: { user: 'public', partner: 'catalog:read' } } },
      who,
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await jwks.close();
  });

  it('accepts only well-formed declarations', () => {
    expect(isAccess({ partner: 'catalog:read' })).toBe(true);
    expect(isAccess({ partner: 'catalog:read', user: 'authenticated' })).toBe(true);
    expect(isAccess({ partner: 'catalog:read', user: { roles: ['admin'] } })).toBe(true);
    expect(isAccess({ partner: 'catalog:write' })).toBe(false);
    expect(isAccess({ partner: 'catalog:read', user: 'nobody' })).toBe(false);
    expect(isAccess({ partner: 'catalog:read', roles: ['admin'] })).toBe(false);
    expect(() =>
      app.get('/bad', { config: { access: { partner: 'x' as 'catalog:read' } } }, async () => 1),
    ).toThrow();
  });

  it('publishes the rule in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(doc.paths['/admins-or-partners'].get[ACCESS_EXTENSION]).toEqual({
      user: { roles: ['admin'] },
      partner: 'catalog:read',
    });
  });

  it('admits a partner with the scope, refuses one without it (403) and a caller without either (401)', async () => {
    const ok = await app.inject({
      url: '/partners-only',
      headers: partnerHeader(['catalog:read']),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().partner).toEqual({
      keyId: 'key-1',
      partner: 'acme',
      scopes: ['catalog:read'],
    });
    const wrong = await app.inject({
      url: '/partners-only',
      headers: partnerHeader(['playback:issue']),
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('PARTNER_SCOPE_FORBIDDEN');
    const user = await app.inject({
      url: '/partners-only',
      headers: {
        authorization: `Bearer ${await signToken(key, { claims: { roles: ['admin'] } })}`,
      },
    });
    expect(user.statusCode).toBe(401);
    expect((await app.inject({ url: '/partners-only' })).statusCode).toBe(401);
    // A malformed header is no partner at all.
    const forged = await app.inject({
      url: '/partners-only',
      headers: { 'x-internal-partner': 'key-1;acme;catalog:write' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('admits the users the rule names beside partners', async () => {
    const admin = `Bearer ${await signToken(key, { claims: { roles: ['admin'] } })}`;
    const user = `Bearer ${await signToken(key, { claims: { roles: ['user'] } })}`;
    expect(
      (await app.inject({ url: '/admins-or-partners', headers: { authorization: admin } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: '/admins-or-partners', headers: { authorization: user } }))
        .statusCode,
    ).toBe(403);
    expect((await app.inject({ url: '/anyone-or-partners' })).statusCode).toBe(200);
    const partnerWrongScope = await app.inject({
      url: '/anyone-or-partners',
      headers: partnerHeader(['playback:issue']),
    });
    expect(partnerWrongScope.statusCode).toBe(403);
  });
});
