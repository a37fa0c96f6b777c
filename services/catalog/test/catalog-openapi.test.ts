import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { startCatalog } from './helper.js';

interface Operation {
  tags?: string[];
  summary?: string;
  parameters?: { in: string; name: string; schema?: Record<string, unknown> }[];
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

// The routes of the movies, genres and people features (posters and playback document their own).
const OWN =
  /^\/(movies(\/\{[^}]+\}(\/(publish|unpublish))?)?|genres(\/\{id\})?|people(\/\{id\})?)\/?$/;

describe('the OpenAPI document of movies, genres and people', () => {
  let svc: TestService<KavoshApp>;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    svc = await startCatalog();
    const res = await svc.app.inject({ url: '/openapi.json' });
    paths = res.json<{ paths: Record<string, Record<string, Operation>> }>().paths;
  });
  afterAll(() => svc?.close());

  it('describes every route with a tag, a summary and typed answers', () => {
    const operations = Object.entries(paths)
      .filter(([path]) => OWN.test(path))
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ path, method, op })),
      );
    expect(operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual(
      [
        'GET /movies/',
        'POST /movies/',
        'GET /movies/{id}',
        'PATCH /movies/{id}',
        'DELETE /movies/{id}',
        'POST /movies/{id}/publish',
        'POST /movies/{id}/unpublish',
        'GET /genres/',
        'POST /genres/',
        'GET /genres/{id}',
        'PATCH /genres/{id}',
        'DELETE /genres/{id}',
        'GET /people/',
        'POST /people/',
        'GET /people/{id}',
        'PATCH /people/{id}',
        'DELETE /people/{id}',
      ].sort(),
    );
    for (const { path, method, op } of operations) {
      const name = `${method} ${path}`;
      expect(op.tags?.length, name).toBeGreaterThan(0);
      expect(op.summary?.length ?? 0, name).toBeGreaterThan(10);
      const ok = Object.entries(op.responses ?? {}).find(([status]) => /^2/.test(status));
      expect(ok, name).toBeDefined();
      const schema = ok?.[1].content?.['application/json']?.schema;
      // 204 has no body; every other success answers a schema with properties, never {}.
      if (ok?.[0] !== '204') expect(Object.keys(schema ?? {}).length, name).toBeGreaterThan(0);
    }
  });
});
