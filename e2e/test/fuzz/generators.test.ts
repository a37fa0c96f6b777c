import { describe, expect, it } from 'vitest';
import {
  collectionOf,
  collectionOfField,
  encodeComponent,
  requestsFor,
  type CaseContext,
} from './cases.js';
import { offencesOf } from './check.js';
import type { Doc, Op } from './openapi.js';
import fc from 'fast-check';
import { boundViolationArb, toJson, RawJson, validArb } from './values.js';

/** The fuzzer's own parts, without a system: what it generates and what it calls an offence. */

const doc: Doc = {
  paths: {
    '/api/things/{id}': {
      patch: {
        'x-kavosh-access': { roles: ['editor'] },
        parameters: [
          { in: 'path', name: 'id', required: true, schema: { type: 'string', format: 'uuid' } },
          { in: 'query', name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          { in: 'header', name: 'if-match', schema: { type: 'string', maxLength: 40 } },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['title', 'year'],
                additionalProperties: false,
                properties: {
                  title: { type: 'string', minLength: 1, maxLength: 20 },
                  year: { type: 'integer', minimum: 1870, maximum: 2200 },
                  code: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Z]{2})?$' },
                  tags: {
                    type: 'array',
                    maxItems: 3,
                    uniqueItems: true,
                    items: { enum: ['a', 'b', 'c'] },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
const op: Op = {
  name: 'PATCH /api/things/{id}',
  method: 'PATCH',
  path: '/api/things/{id}',
  operation: doc.paths['/api/things/{id}']?.patch ?? {},
};
const context = (seed: number): CaseContext => ({
  doc,
  seed,
  knowledge: { ids: new Map(), cursors: new Map() },
  tokenFor: (roles) => `token-for-${roles.join('+')}`,
});
const wire = (seed: number) =>
  requestsFor(op, context(seed), 60).map((r) => [
    r.case,
    r.path,
    r.headers,
    r.body?.toString('base64'),
  ]);

describe('the fuzzer’s generators', () => {
  it('draws valid values within every bound of the schema, patterns included', () => {
    const schema =
      doc.paths['/api/things/{id}']?.patch?.requestBody?.content?.['application/json']?.schema;
    const values = fc.sample(validArb(schema, { doc }), { seed: 2, numRuns: 300 });
    for (const raw of values) {
      const value = raw as Record<string, unknown>;
      const title = Array.from(String(value.title));
      expect(title.length).toBeGreaterThanOrEqual(1);
      expect(title.length).toBeLessThanOrEqual(20);
      expect(value.year).toBeGreaterThanOrEqual(1870);
      expect(value.year).toBeLessThanOrEqual(2200);
      expect(Number.isInteger(value.year)).toBe(true);
      if (value.code !== undefined) expect(String(value.code)).toMatch(/^[a-z]{2,3}(-[A-Z]{2})?$/);
      if (value.tags !== undefined) {
        const tags = value.tags as string[];
        expect(new Set(tags).size).toBe(tags.length);
      }
      expect(Object.keys(value).every((k) => ['title', 'year', 'code', 'tags'].includes(k))).toBe(
        true,
      );
    }
    // Optional fields are sometimes there and sometimes not.
    expect(values.some((v) => 'code' in (v as object))).toBe(true);
    expect(values.some((v) => !('code' in (v as object)))).toBe(true);
  });

  it('writes the JSON literals JSON.stringify cannot, and lone surrogates as raw UTF-8 bytes', () => {
    expect(toJson({ a: new RawJson('NaN'), b: [new RawJson('1e400')] })).toBe(
      '{"a":NaN,"b":[1e400]}',
    );
    expect(encodeComponent('a\ud800b')).toBe('a%ED%A0%80b');
    const arb = boundViolationArb({ type: 'integer', minimum: 1, maximum: 100 }, { doc });
    if (!arb) throw new Error('no bound violations for a bounded integer');
    const invalid = fc.sample(arb, { seed: 3, numRuns: 400 });
    expect(invalid.map((v) => v.label)).toEqual(
      expect.arrayContaining([
        'below-minimum',
        'above-maximum',
        'nan',
        'fraction',
        'overlong-integer',
      ]),
    );
    for (const { label, value } of invalid) {
      if (label === 'below-minimum') expect(value).toBeLessThan(1);
      if (label === 'above-maximum') expect(value).toBeGreaterThan(100);
      if (label === 'overlong-integer') expect(toJson(value).length).toBeGreaterThan(30);
    }
  });

  it('generates the same requests for a seed and other ones for another seed', () => {
    expect(wire(7)).toEqual(wire(7));
    expect(wire(8)).not.toEqual(wire(7));
  });

  it('covers every kind of input within the cap, and sends the route’s roles', () => {
    const requests = requestsFor(op, context(9), 40);
    expect(requests).toHaveLength(40);
    const categories = new Set(requests.map((r) => r.case.split(':')[0]));
    for (const category of [
      'valid',
      'anonymous',
      'path',
      'query',
      'body-json',
      'body-type',
      'body-bounds',
      'body-missing',
      'content-type',
      'authorization',
      'cookie',
      'idempotency-key',
      'if-match',
      'header',
    ]) {
      expect(categories, category).toContain(category);
    }
    const valid = requests.find((r) => r.case.startsWith('valid:random'));
    expect(valid?.headers).toContainEqual(['authorization', 'Bearer token-for-editor']);
    expect(requests.find((r) => r.case === 'anonymous:valid')?.principal).toBe('anonymous');
  });

  it('names the collection a parameter or field refers to', () => {
    expect(collectionOf('/api/catalog/movies/{id}/publish', 'id')).toBe('movies');
    expect(collectionOfField('genreIds')).toBe('genres');
    expect(collectionOfField('personId')).toBe('people');
    expect(collectionOfField('title')).toBeUndefined();
  });
});

describe('what the fuzzer calls an offence', () => {
  const problem = (status: number, code: string) =>
    JSON.stringify({
      type: `https://kavosh.dev/problems/x`,
      title: 'X',
      status,
      code,
      detail: 'x',
    });

  it('accepts a problem+json refusal and a 2xx', () => {
    expect(
      offencesOf({
        status: 400,
        contentType: 'application/problem+json; charset=utf-8',
        body: problem(400, 'VALIDATION_FAILED'),
      }),
    ).toEqual([]);
    expect(
      offencesOf({ status: 200, contentType: 'application/json', body: '{"items":[]}' }),
    ).toEqual([]);
  });

  it('accepts a 503 whose body names a dependency as down, and nothing else above 499', () => {
    const down = {
      status: 503,
      contentType: 'application/problem+json',
      body: problem(503, 'AUTH_UNAVAILABLE'),
    };
    expect(offencesOf(down)).toEqual([]);
    const crash = {
      status: 500,
      contentType: 'application/problem+json',
      body: problem(500, 'INTERNAL_ERROR'),
    };
    expect(offencesOf(crash)).toEqual(['server error 500']);
    expect(
      offencesOf({ status: 0, contentType: '', body: '', transportError: 'socket hang up' }),
    ).toEqual(['no answer: socket hang up']);
  });

  it('refuses a refusal that is not a complete problem', () => {
    const reasons = offencesOf({
      status: 400,
      contentType: 'application/json',
      body: '{"error":"Bad Request","message":"Client Error","statusCode":400}',
    });
    expect(reasons).toEqual(
      expect.arrayContaining([
        'content-type application/json, not application/problem+json',
        'problem without code',
        'problem status undefined differs from 400',
      ]),
    );
  });

  it('finds stack traces, source paths and database text in any body', () => {
    const leak = (body: string) =>
      offencesOf({ status: 200, contentType: 'application/json', body });
    expect(
      leak('{"x":"Error: no\\n    at handler (/srv/app/src/movies/service.ts:41:13)"}'),
    ).not.toEqual([]);
    expect(leak('{"detail":"Invalid `db.comment.findMany()` invocation"}')).not.toEqual([]);
    expect(leak('{"detail":"PrismaClientKnownRequestError P2002"}')).not.toEqual([]);
    expect(leak('{"detail":"ER_DUP_ENTRY: Duplicate entry"}')).not.toEqual([]);
    expect(leak('{"code":"USER_NOT_FOUND","detail":"UPPER_SNAKE"}')).toEqual([]);
  });
});
