import { describe, expect, it } from 'vitest';
import { createPolicyMatcher, type Policy } from '../policies/table.js';
import {
  asOpenApiDocument,
  mergeDocuments,
  prefixDocument,
  type Json,
  type OpenApiDocument,
} from './merge.js';
import { unresolvedRefs } from './refs.js';

const POLICIES: Policy[] = [
  { method: 'POST', path: '/api/auth/login', access: 'public' },
  { method: '*', path: '/api/auth/users/:id', access: { roles: ['admin'] } },
  { method: 'GET', path: '/.well-known/jwks.json', access: 'public' },
];

// Two services that both name a schema `User`, as @fastify/swagger does for shared schemas.
const serviceDoc = (): OpenApiDocument => ({
  openapi: '3.1.0',
  info: { title: 'svc', version: '1' },
  components: {
    schemas: {
      User: { type: 'object', properties: { friend: { $ref: '#/components/schemas/User' } } },
    },
  },
  paths: {
    '/login': {
      post: {
        operationId: 'login',
        responses: {
          200: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } },
          },
        },
      },
    },
    '/users/{id}': {
      get: { responses: { 200: { description: 'ok' } } },
      delete: { responses: { 204: { description: 'gone' } } },
    },
    '/me': { get: { security: [], responses: { 200: { description: 'ok' } } } },
  },
});

const merge = (docs: Record<string, OpenApiDocument | null>) =>
  mergeDocuments({
    info: { title: 'Kavosh API', version: '1' },
    own: {
      '/health/live': { get: { responses: { 200: { description: 'ok' } } } },
      '/.well-known/jwks.json': { get: { responses: { 200: { description: 'ok' } } } },
    },
    ownComponents: {},
    upstreams: Object.entries(docs).map(([name, doc]) => ({
      name,
      doc,
      fetchedAt: doc ? new Date(0) : null,
    })),
    matchPolicy: createPolicyMatcher(POLICIES),
    policies: POLICIES,
  });

const operation = (doc: OpenApiDocument, path: string, method: string): Json => {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`${method} ${path} is not in the document`);
  return found;
};

describe('prefixDocument', () => {
  it('moves paths under /api/<service> and prefixes component names and every $ref to them', () => {
    const doc = prefixDocument('auth', serviceDoc());
    expect(Object.keys(doc.paths)).toEqual([
      '/api/auth/login',
      '/api/auth/users/{id}',
      '/api/auth/me',
    ]);
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(['auth.User']);
    expect(doc.components?.schemas?.['auth.User']).toMatchObject({
      properties: { friend: { $ref: '#/components/schemas/auth.User' } },
    });
    expect(operation(doc, '/api/auth/login', 'post')).toMatchObject({
      operationId: 'auth.login',
      tags: ['auth'],
      responses: {
        200: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/auth.User' } } },
        },
      },
    });
  });

  it('does not change the document it was given', () => {
    const original = serviceDoc();
    prefixDocument('auth', original);
    expect(original).toEqual(serviceDoc());
  });
});

describe('mergeDocuments', () => {
  it('keeps two services that share a schema name apart, every $ref resolving', () => {
    const doc = merge({ auth: serviceDoc(), social: serviceDoc() });
    expect(Object.keys(doc.components?.schemas ?? {}).sort()).toEqual(['auth.User', 'social.User']);
    expect(unresolvedRefs(doc)).toEqual([]);
    expect(operation(doc, '/api/social/login', 'post').responses).toMatchObject({
      200: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/social.User' } } },
      },
    });
  });

  it('marks each operation with the policy entry that decides it, and a bearer requirement unless public', () => {
    const doc = merge({ auth: serviceDoc() });
    const login = operation(doc, '/api/auth/login', 'post');
    expect(login['x-kavosh-access']).toBe('public');
    expect(login['x-kavosh-policy']).toBe('POST /api/auth/login');
    expect(login.security).toBeUndefined();

    expect(operation(doc, '/api/auth/users/{id}', 'delete')).toMatchObject({
      'x-kavosh-access': { roles: ['admin'] },
      'x-kavosh-policy': '* /api/auth/users/:id',
      security: [{ bearerAuth: [] }],
    });
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('marks an operation no entry matches as authenticated, naming no policy, whatever the service said', () => {
    const me = operation(merge({ auth: serviceDoc() }), '/api/auth/me', 'get');
    expect(me['x-kavosh-access']).toBe('authenticated');
    expect(me).not.toHaveProperty('x-kavosh-policy');
    expect(me.security).toEqual([{ bearerAuth: [] }]);
  });

  it("marks the gateway's own routes: outside the table public, the JWKS by its entry", () => {
    const doc = merge({});
    expect(operation(doc, '/health/live', 'get')['x-kavosh-access']).toBe('public');
    expect(operation(doc, '/.well-known/jwks.json', 'get')).toMatchObject({
      'x-kavosh-access': 'public',
      'x-kavosh-policy': 'GET /.well-known/jwks.json',
    });
  });

  it('lists an upstream whose document is missing, and the policy table', () => {
    const doc = merge({ auth: serviceDoc(), billing: null });
    expect(doc['x-kavosh-upstreams']).toEqual({
      auth: { status: 'loaded', fetchedAt: new Date(0).toISOString() },
      billing: { status: 'unavailable' },
    });
    expect(doc['x-kavosh-policies']).toContainEqual({
      method: '*',
      path: '/api/auth/users/:id',
      access: { roles: ['admin'] },
    });
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/api/billing'))).toEqual([]);
  });
});

describe('asOpenApiDocument', () => {
  it('refuses what is not an OpenAPI 3 document', () => {
    expect(() => asOpenApiDocument('<html>')).toThrow(/not an OpenAPI 3/);
    expect(() => asOpenApiDocument({ swagger: '2.0', info: {}, paths: {} })).toThrow();
    expect(() => asOpenApiDocument({ openapi: '3.1.0', info: {} })).toThrow(/paths/);
    expect(() => asOpenApiDocument({ openapi: '3.1.0', info: {}, paths: { '/a': 1 } })).toThrow();
    expect(asOpenApiDocument(serviceDoc()).paths['/me']).toBeDefined();
  });
});
