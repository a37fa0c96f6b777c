import type { OpenApiDocument } from './merge.js';

const problem = (description: string) => ({
  description,
  content: {
    'application/problem+json': { schema: { $ref: '#/components/schemas/gateway.Problem' } },
  },
});

const json = (description: string, schema: Record<string, unknown> = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});

/**
 * The gateway's own public routes. The kit hides them from its generated document (they are the
 * same on every process), so the merged document describes them here.
 */
export const GATEWAY_PATHS: OpenApiDocument['paths'] = {
  '/health/live': {
    get: {
      operationId: 'gateway.live',
      tags: ['gateway'],
      summary: 'Liveness: the process is up',
      description:
        'Answers 200 while the process runs; a probe restarts the gateway when it stops answering. Not rate limited.',
      responses: { 200: json('Alive') },
    },
  },
  '/health/ready': {
    get: {
      operationId: 'gateway.ready',
      tags: ['gateway'],
      summary: 'Readiness: this gateway can serve (Redis and the upstreams are not required)',
      description:
        'Answers 200 when this gateway can take traffic, 503 SHUTTING_DOWN while it drains; Redis and the upstreams do not gate it (one of them down would take every replica out at once). Not rate limited.',
      responses: {
        200: json('Ready'),
        503: problem('SHUTTING_DOWN'),
      },
    },
  },
  '/health/dependencies': {
    get: {
      operationId: 'gateway.dependencies',
      tags: ['gateway'],
      summary: 'Redis and each upstream: up or down, with the check latency (always 200)',
      description:
        'Reports Redis and each upstream with its state and check latency; always 200, `down` lists the failing ones (for dashboards and alerts, not for load balancers). Not rate limited.',
      responses: { 200: json('Each dependency with its state; `down` lists the failing ones') },
    },
  },
  '/.well-known/jwks.json': {
    get: {
      operationId: 'gateway.jwks',
      tags: ['gateway'],
      summary: "Auth's public signing keys (JWKS), proxied to auth",
      description:
        'The public keys that verify Kavosh access tokens (EdDSA), as auth publishes them; cache them by `kid`. Rate limited like /api/ routes.',
      responses: {
        200: json('A JSON Web Key Set', {
          type: 'object',
          required: ['keys'],
          properties: { keys: { type: 'array', maxItems: 16, items: { type: 'object' } } },
        }),
      },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'gateway.openapi',
      tags: ['gateway'],
      summary: 'This document: every public route, with its edge access policy',
      description:
        "This OpenAPI 3.1 document, merged from every service's own document, each operation with its edge access rule (`x-kavosh-access`). Not rate limited.",
      responses: { 200: json('OpenAPI 3.1 document') },
    },
  },
  '/docs': {
    get: {
      operationId: 'gateway.docs',
      tags: ['gateway'],
      summary: 'Swagger UI on this document',
      description:
        'Swagger UI on /openapi.json, served with its own assets and a strict Content-Security-Policy. Not rate limited.',
      responses: {
        200: {
          description: 'HTML page',
          content: { 'text/html': { schema: { type: 'string' } } },
        },
      },
    },
  },
};
