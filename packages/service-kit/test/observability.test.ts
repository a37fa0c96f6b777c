import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema, type KavoshApp } from '../src/index.js';
import { buildTestApp } from './helper.js';

const MovieParams = Type.Object(
  { id: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
const Movie = Type.Object(
  { id: Type.String(), title: Type.String() },
  { additionalProperties: false },
);

describe('GET /metrics and GET /openapi.json', () => {
  let app: KavoshApp;
  let neighbour: KavoshApp;

  beforeAll(async () => {
    app = await buildTestApp({ description: 'Movies for the kit tests' });
    app.get(
      '/movies/:id',
      {
        schema: {
          summary: 'One movie',
          params: MovieParams,
          response: { 200: Movie, 404: problemSchema('No such movie') },
        },
      },
      async (req) => ({ id: req.params.id, title: 'Dune' }),
    );
    await app.ready();
    // A second app in the same process must not clash on metric names.
    neighbour = await buildTestApp();
    await neighbour.ready();
  });
  afterAll(async () => {
    await app.close();
    await neighbour.close();
  });

  it('counts requests by route template, and unknown routes as unmatched', async () => {
    await app.inject({ url: '/movies/42' });
    await app.inject({ url: '/movies/43' });
    await app.inject({ url: '/no/such/route' });
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain(
      'http_request_duration_seconds_count{method="GET",route="/movies/:id",status_code="200"} 2',
    );
    expect(res.body).toContain(
      'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"} 1',
    );
    expect(res.body).not.toContain('/movies/42');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });

  it('keeps each app in its own registry', async () => {
    const res = await neighbour.inject({ url: '/metrics' });
    expect(res.body).not.toContain('route="/movies/:id"');
    expect(neighbour.metrics).not.toBe(app.metrics);
  });

  it('describes the routes in OpenAPI 3.1 without the kit routes', async () => {
    const res = await app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc).toMatchObject({
      openapi: '3.1.0',
      info: { title: 'kit-test', version: '1.2.3', description: 'Movies for the kit tests' },
    });
    expect(Object.keys(doc.paths)).toEqual(['/movies/{id}']);
    const get = doc.paths['/movies/{id}'].get;
    expect(get.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    expect(get.responses['200'].content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['id', 'title'],
    });
    expect(get.responses['404'].description).toBe('No such movie');
    expect(res.body).not.toContain('~kind');
  });
});
