import type { LightMyRequestResponse } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, problemSchema, type KavoshApp } from '../src/index.js';
import { buildTestApp, captureLogs, testConfig, type LogCapture } from './helper.js';

class DatabaseDown extends Error {}

const MovieBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  year: Type.Integer({ minimum: 1888, maximum: 2100 }),
  tags: Type.Optional(Type.Array(Type.String(), { maxItems: 5 })),
});

function expectProblem(
  res: LightMyRequestResponse,
  status: number,
  code: string,
): Record<string, unknown> {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body: Record<string, unknown> = res.json();
  expect(body).toMatchObject({
    status,
    code,
    type: `https://kavosh.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: expect.any(String),
    detail: expect.any(String),
    requestId: res.headers['x-request-id'],
  });
  return body;
}

describe('error answers', () => {
  let app: KavoshApp;
  let logs: LogCapture;

  beforeAll(async () => {
    logs = captureLogs();
    app = await buildTestApp({
      logger: logs.logger,
      config: testConfig({ BODY_LIMIT_BYTES: '1024' }),
      classifyError: (err) =>
        err instanceof DatabaseDown
          ? new AppError({
              status: 503,
              code: 'DATABASE_UNAVAILABLE',
              title: 'Database unavailable',
              cause: err,
            })
          : undefined,
    });
    app.post('/movies', { schema: { body: MovieBody } }, async (req) => ({
      title: req.body.title,
    }));
    app.get(
      '/movies',
      {
        schema: {
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
          }),
        },
      },
      async (req) => ({ limit: req.query.limit }),
    );
    app.get('/app-error', async () => {
      throw new AppError({
        status: 409,
        code: 'SLUG_TAKEN',
        title: 'Slug taken',
        detail: 'The slug "dune" is taken.',
        extra: { slug: 'dune' },
      });
    });
    app.get(
      '/typed/:slug',
      { schema: { response: { 200: MovieBody, 409: problemSchema() } } },
      async () => {
        throw new AppError({
          status: 409,
          code: 'SLUG_TAKEN',
          title: 'Slug taken',
          extra: { slug: 'dune' },
        });
      },
    );
    app.get('/crash', async () => {
      throw new Error('connect ECONNREFUSED mysql://root:hunter2@db/catalog');
    });
    app.get('/db-down', async () => {
      throw new DatabaseDown('pool timeout');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('lists an unknown field, a wrong type and a missing field as VALIDATION_FAILED', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/movies',
      payload: { year: 'soon', rating: 5 },
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: '/body/title', message: 'is required' },
        { field: '/body/rating', message: 'is not allowed' },
        { field: '/body/year', message: expect.stringMatching(/integer/) },
      ]),
    );
    expect(body.errors).toHaveLength(3);
  });

  it('does not coerce body values: a numeric string is a wrong type', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/movies',
      payload: { title: 'Dune', year: '1984' },
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([
      { field: '/body/year', message: expect.stringMatching(/integer/) },
    ]);
  });

  it('coerces querystring values, applies defaults and rejects unknown parameters', async () => {
    expect((await app.inject({ url: '/movies?limit=7' })).json()).toEqual({ limit: 7 });
    expect((await app.inject({ url: '/movies' })).json()).toEqual({ limit: 20 });
    const res = await app.inject({ url: '/movies?limit=7&sort=asc' });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([{ field: '/querystring/sort', message: 'is not allowed' }]);
  });

  it('refuses a query number that coerces to Infinity (Ajv lets it pass integer and maximum)', async () => {
    for (const limit of ['1e309', 'Infinity', '-1e309', '-Infinity']) {
      const res = await app.inject({ url: `/movies?limit=${limit}` });
      const body = expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(body.errors, limit).toEqual([
        { field: '/querystring/limit', message: expect.any(String) },
      ]);
    }
    expect((await app.inject({ url: '/movies?limit=50' })).json()).toEqual({ limit: 50 });
  });

  it('accepts a valid body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/movies',
      payload: { title: 'Dune', year: 1984 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ title: 'Dune' });
  });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/movies',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": "Dune",',
    });
    expectProblem(res, 400, 'INVALID_JSON');
  });

  it('answers a prototype-poisoning body with 400, not 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/movies',
      headers: { 'content-type': 'application/json' },
      payload: '{"title":"Dune","year":1984,"__proto__":{"admin":true}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a malformed percent-encoding in the path with 400 INVALID_URL', async () => {
    expectProblem(await app.inject({ url: '/typed/%E0%A4%A' }), 400, 'INVALID_URL');
  });

  it('answers a path parameter over the router limit with 414 URI_TOO_LONG', async () => {
    expectProblem(await app.inject({ url: `/typed/${'x'.repeat(150)}` }), 414, 'URI_TOO_LONG');
  });

  it('answers a body over BODY_LIMIT_BYTES with 413 BODY_TOO_LARGE', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/movies',
      payload: { title: 'x'.repeat(2048), year: 2000 },
    });
    expectProblem(res, 413, 'BODY_TOO_LARGE');
  });

  it('answers an unsupported content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/movies',
      headers: { 'content-type': 'application/xml' },
      payload: '<movie/>',
    });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND without echoing the query', async () => {
    const res = await app.inject({ url: '/nowhere?token=abc' });
    const body = expectProblem(res, 404, 'ROUTE_NOT_FOUND');
    expect(body.detail).toBe('No route matches GET /nowhere');
  });

  it('answers an AppError with its own fields and extra members', async () => {
    const body = expectProblem(await app.inject({ url: '/app-error' }), 409, 'SLUG_TAKEN');
    expect(body).toMatchObject({
      title: 'Slug taken',
      detail: 'The slug "dune" is taken.',
      slug: 'dune',
    });
  });

  it('keeps extra members when the route declares ProblemDetails for the status', async () => {
    const body = expectProblem(await app.inject({ url: '/typed/dune' }), 409, 'SLUG_TAKEN');
    expect(body).toMatchObject({ slug: 'dune', detail: 'Slug taken' });
  });

  it('answers a plain Error with 500 INTERNAL_ERROR and logs it without leaking it', async () => {
    const res = await app.inject({ url: '/crash' });
    const body = expectProblem(res, 500, 'INTERNAL_ERROR');
    expect(res.body).not.toMatch(/hunter2|ECONNREFUSED|at .*\.ts/);
    expect(Object.keys(body).sort()).toEqual([
      'code',
      'detail',
      'requestId',
      'status',
      'title',
      'type',
    ]);
    const logged = logs
      .entries()
      .filter((e) => e.msg === 'request failed' && e.request_id === body.requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 50,
      err: { message: expect.stringMatching(/ECONNREFUSED/) },
    });
  });

  it('answers an error classifyError recognises with its AppError', async () => {
    expectProblem(await app.inject({ url: '/db-down' }), 503, 'DATABASE_UNAVAILABLE');
  });
});
