import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../openapi/merge.js';
import { canonicalPath } from './canonical-path.js';
import { createEdgePolicies, declaredPolicies, routerPath } from './edge-policies.js';

const doc = (paths: OpenApiDocument['paths']): OpenApiDocument => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths,
});

const authDoc = doc({
  '/login': { post: { 'x-kavosh-access': 'public' } },
  '/users': { get: { 'x-kavosh-access': { roles: ['admin'] } } },
  '/users/{id}': {
    get: { 'x-kavosh-access': { roles: ['admin'] } },
    delete: { 'x-kavosh-access': { roles: ['admin'] } },
  },
  '/me': { get: { 'x-kavosh-access': 'authenticated' } },
  '/undeclared': { get: {} },
  '/malformed': { get: { 'x-kavosh-access': { roles: ['root'] } } },
});
const catalogDoc = doc({
  '/movies/': { get: { 'x-kavosh-access': 'public' } },
  '/movies/{idOrSlug}': { get: { 'x-kavosh-access': 'public' } },
  '/movies/{id}/publish': { post: { 'x-kavosh-access': { roles: ['editor', 'admin'] } } },
});

const edge = () => {
  const policies = createEdgePolicies();
  policies.update([
    { name: 'auth', doc: authDoc },
    { name: 'catalog', doc: catalogDoc },
    { name: 'billing', doc: null },
  ]);
  return policies;
};

describe('edge policies declared by the services', () => {
  it('turns OpenAPI templates into router paths', () => {
    expect(routerPath('/movies/{id}/publish')).toBe('/movies/:id/publish');
    expect(routerPath('/posters/{*}')).toBe('/posters/*');
  });

  it('takes only well-formed declarations, under the public prefix', () => {
    expect(declaredPolicies('auth', authDoc).map((p) => `${p.method} ${p.path}`)).toEqual([
      'POST /api/auth/login',
      'GET /api/auth/users',
      'GET /api/auth/users/:id',
      'DELETE /api/auth/users/:id',
      'GET /api/auth/me',
    ]);
  });

  it('decides each declared route by its declaration, HEAD as GET', () => {
    const policies = edge();
    expect(policies.decide('POST', '/api/auth/login')).toBe('public');
    expect(policies.decide('GET', '/api/auth/users/42')).toEqual({ roles: ['admin'] });
    expect(policies.decide('HEAD', '/api/catalog/movies/dune')).toBe('public');
    // A plugin's root, documented as '/movies/', is served without the slash too.
    expect(policies.decide('GET', '/api/catalog/movies/')).toBe('public');
    expect(policies.decide('GET', '/api/catalog/movies')).toBe('public');
    expect(policies.decide('POST', '/api/catalog/movies/1/publish')).toEqual({
      roles: ['editor', 'admin'],
    });
    expect(policies.decide('GET', '/.well-known/jwks.json')).toBe('public');
  });

  it('refuses what no service declared: other methods, deeper paths, malformed or missing declarations', () => {
    const policies = edge();
    expect(policies.decide('GET', '/api/auth/login')).toBe('undeclared');
    expect(policies.decide('GET', '/api/auth/users/42/role/extra')).toBe('undeclared');
    expect(policies.decide('GET', '/api/auth/undeclared')).toBe('undeclared');
    expect(policies.decide('GET', '/api/auth/malformed')).toBe('undeclared');
    expect(policies.decide('GET', '/api/nosuch/thing')).toBe('undeclared');
    // A service's internal endpoints are hidden from its document, so never declared.
    for (const internal of ['/metrics', '/health/ready', '/health/live', '/openapi.json']) {
      expect(policies.decide('GET', `/api/catalog${internal}`)).toBe('undeclared');
    }
  });

  it('says when an upstream has not published its declarations yet', () => {
    expect(edge().decide('GET', '/api/billing/plans')).toBe('unavailable');
  });

  it('decides no encoded, fragment or doubled-slash variant differently from the plain path: each is refused first', () => {
    const policies = edge();
    const variants = (plain: string): string[] => {
      // A trailing slash is its own route (Fastify's default): vary the last named segment.
      const path = plain.replace(/(.)\/$/, '$1');
      const segments = path.split('/');
      const last = segments.at(-1) ?? '';
      const encodedFirst = `%${last.charCodeAt(0).toString(16)}${last.slice(1)}`;
      return [
        [...segments.slice(0, -1), encodedFirst].join('/'),
        `${path}#fragment`,
        path.replace(/\/([^/]+)$/, '//$1'),
        `/${path}`,
        `${path}//`,
        path.replace(/\/([^/]+)$/, '/./$1'),
      ];
    };
    for (const policy of policies.policies()) {
      const plain = policy.path.replace(/:[^/]+/g, '42');
      expect(canonicalPath(plain)).toEqual({ path: plain });
      for (const variant of variants(plain)) {
        expect(canonicalPath(variant), variant).toHaveProperty('refused');
      }
    }
  });
});
