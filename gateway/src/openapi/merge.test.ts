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
    expect(Object.keys(doc.components?.schemas ?? {}).sort()).toEqual([
      'auth.User',
      'gateway.Problem',
      'social.User',
    ]);
    expect(unresolvedRefs(doc)).toEqual([]);
    expect(operation(doc, '/api/social/login', 'post').responses).toMatchObject({
      200: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/social.User' } } },
      },
    });
  });

  it('carries the access each service declared: a bearer token (one per role), {} if public', () => {
    const doc = merge({ auth: serviceDoc() });
    const login = operation(doc, '/api/auth/login', 'post');
    expect(login['x-kavosh-access']).toBe('public');
    expect(login.security).toEqual([{}]);

    expect(operation(doc, '/api/auth/users/{id}', 'get')).toMatchObject({
      'x-kavosh-access': { roles: ['admin'] },
      security: [{ 'bearerAuth.admin': [] }],
    });
    expect(doc.components?.securitySchemes?.['bearerAuth.admin']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const me = operation(doc, '/api/auth/me', 'get');
    expect(me['x-kavosh-access']).toBe('authenticated');
    expect(me.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('documents the answers the edge adds: problem+json errors, 400, 401, 429 and 500, RateLimit headers', () => {
    const doc = merge({ auth: serviceDoc() });
    const responses = operation(doc, '/api/auth/me', 'get').responses as Record<string, Json>;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '429', '500']);
    expect(Object.keys(responses['200']?.headers as Json)).toEqual([
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'Access-Control-Allow-Origin',
    ]);
    expect(responses['429']).toEqual({ $ref: '#/components/responses/gateway.TooManyRequests' });
    expect(doc.components?.responses?.['gateway.TooManyRequests']).toMatchObject({
      headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
      content: { 'application/problem+json': {} },
    });
    // The gateway's own probes are neither rate limited nor authenticated.
    const live = operation(doc, '/health/live', 'get').responses as Record<string, Json>;
    expect(Object.keys(live).sort()).toEqual(['200', '400', '500']);
    expect(live['200']?.headers).toBeUndefined();
    expect(unresolvedRefs(doc)).toEqual([]);
  });

  it('documents a service error as problem+json, the way the kit answers it', () => {
    const svc = serviceDoc();
    const me = svc.paths['/me']?.get as Json;
    me.responses = {
      404: { description: 'NOT_FOUND', content: { 'application/json': { schema: {} } } },
    };
    const doc = merge({ auth: svc });
    const responses = operation(doc, '/api/auth/me', 'get').responses as Record<string, Json>;
    expect(Object.keys(responses['404']?.content as Json)).toEqual(['application/problem+json']);
  });

  it('documents a root route without its trailing slash', () => {
    const svc = serviceDoc();
    svc.paths['/users/'] = { get: { 'x-kavosh-access': 'public', responses: {} } };
    expect(Object.keys(merge({ auth: svc }).paths)).toContain('/api/auth/users');
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
