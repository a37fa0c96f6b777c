import { describe, expect, it } from 'vitest';
import {
  asOpenApiDocument,
  mergeDocuments,
  prefixDocument,
  type Json,
  type OpenApiDocument,
} from './merge.js';
import { unresolvedRefs } from './refs.js';

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
        'x-kavosh-access': 'public',
        responses: {
          200: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } },
          },
        },
      },
    },
    '/users/{id}': {
      get: { 'x-kavosh-access': { roles: ['admin'] }, responses: { 200: { description: 'ok' } } },
      delete: { responses: { 204: { description: 'gone' } } },
    },
    '/me': {
      get: {
        'x-kavosh-access': 'authenticated',
        security: [],
        responses: { 200: { description: 'ok' } },
      },
    },
    '/internal': { get: { responses: { 200: { description: 'not declared' } } } },
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
    expect(doc.paths['/api/auth/users/{id}']?.delete).toBeUndefined();
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

  it('carries the access each service declared, and a bearer requirement unless public', () => {
    const doc = merge({ auth: serviceDoc() });
    const login = operation(doc, '/api/auth/login', 'post');
    expect(login['x-kavosh-access']).toBe('public');
    expect(login.security).toBeUndefined();

    expect(operation(doc, '/api/auth/users/{id}', 'get')).toMatchObject({
      'x-kavosh-access': { roles: ['admin'] },
      security: [{ bearerAuth: [] }],
    });
    const me = operation(doc, '/api/auth/me', 'get');
    expect(me['x-kavosh-access']).toBe('authenticated');
    expect(me.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('leaves out what a service did not declare: the edge refuses it', () => {
    const doc = merge({ auth: serviceDoc() });
    expect(doc.paths['/api/auth/users/{id}']?.delete).toBeUndefined();
    expect(doc.paths['/api/auth/internal']).toBeUndefined();
  });

  it("marks the gateway's own routes public", () => {
    const doc = merge({});
    expect(operation(doc, '/health/live', 'get')['x-kavosh-access']).toBe('public');
    expect(operation(doc, '/.well-known/jwks.json', 'get')['x-kavosh-access']).toBe('public');
  });

  it('lists an upstream whose document is missing', () => {
    const doc = merge({ auth: serviceDoc(), billing: null });
    expect(doc['x-kavosh-upstreams']).toEqual({
      auth: { status: 'loaded', fetchedAt: new Date(0).toISOString() },
      billing: { status: 'unavailable' },
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
