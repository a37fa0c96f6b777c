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
      responses: { 200: json('Alive') },
    },
  },
  '/health/ready': {
    get: {
      operationId: 'gateway.ready',
      tags: ['gateway'],
      summary: 'Readiness: this gateway can serve (Redis and the upstreams are not required)',
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
      responses: { 200: json('Each dependency with its state; `down` lists the failing ones') },
    },
  },
  '/.well-known/jwks.json': {
    get: {
      operationId: 'gateway.jwks',
      tags: ['gateway'],
      summary: "Auth's public signing keys (JWKS), proxied to auth",
      responses: {
        200: json('A JSON Web Key Set', {
          type: 'object',
          required: ['keys'],
          properties: { keys: { type: 'array', items: { type: 'object' } } },
        }),
      },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'gateway.openapi',
      tags: ['gateway'],
      summary: 'This document: every public route, with its edge access policy',
      responses: { 200: json('OpenAPI 3.1 document') },
    },
  },
  '/docs': {
    get: {
      operationId: 'gateway.docs',
      tags: ['gateway'],
      summary: 'Swagger UI on this document',
      responses: {
        200: {
          description: 'HTML page',
          content: { 'text/html': { schema: { type: 'string' } } },
        },
      },
    },
  },
};

/** Components GATEWAY_PATHS refers to. */
export const GATEWAY_COMPONENTS: NonNullable<OpenApiDocument['components']> = {
  schemas: {
    'gateway.Problem': {
      type: 'object',
      description: 'RFC 9457 problem details, as every Kavosh process answers errors',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        detail: { type: 'string' },
        code: { type: 'string', description: 'Stable UPPER_SNAKE error code' },
        requestId: { type: 'string' },
      },
    },
  },
};
