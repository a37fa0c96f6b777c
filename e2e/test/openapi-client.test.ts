import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import { SERVICES } from './service-env.js';
import { startSystem, type RunningSystem } from './system-processes.js';

/**
 * The typed client (`@kavosh/client`) is generated from a committed snapshot of the gateway's
 * merged OpenAPI document; this checks that the snapshot is the document the running system
 * serves, so the client promises exactly what the API does. Its own tests check that the types
 * are what the snapshot generates.
 */

const SNAPSHOT = fileURLToPath(new URL('../../packages/client/openapi.json', import.meta.url));
const FIX =
  'in e2e/: UPDATE_OPENAPI_SNAPSHOT=1 npx vitest run test/openapi-client.test.ts, ' +
  'then npm run generate -w @kavosh/client';

type Doc = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

/** The document without what changes from run to run (each upstream's load state and time). */
const stable = (doc: Doc): Doc => {
  const { 'x-kavosh-upstreams': _loaded, ...rest } = doc;
  return rest as Doc;
};

/** `GET /api/x` for each operation whose description differs between the two documents. */
function changedOperations(live: Doc, snapshot: Doc): string[] {
  const names = new Set([...Object.keys(live.paths), ...Object.keys(snapshot.paths)]);
  const changed: string[] = [];
  for (const path of names) {
    const a = live.paths[path] ?? {};
    const b = snapshot.paths[path] ?? {};
    for (const method of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[method]) !== JSON.stringify(b[method])) {
        changed.push(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  return changed;
}

describe('the client snapshot of the merged OpenAPI document', () => {
  let system: RunningSystem;
  let live: Doc;

  beforeAll(async () => {
    system = await startSystem({ label: 'e2e-openapi-client' });
    live = await eventually(
      async () => {
        const res = await fetch(`${system.gateway.url}/openapi.json`);
        expect(res.status).toBe(200);
        const doc = (await res.json()) as Doc;
        const upstreams = doc['x-kavosh-upstreams'] as Record<string, { status: string }>;
        for (const name of SERVICES) expect(upstreams[name]?.status, name).toBe('loaded');
        return stable(doc);
      },
      { within: 180_000, interval: 1_000 },
    );
    if (process.env.UPDATE_OPENAPI_SNAPSHOT === '1') {
      const options = (await prettier.resolveConfig(SNAPSHOT)) ?? {};
      await writeFile(
        SNAPSHOT,
        await prettier.format(JSON.stringify(live), { ...options, filepath: SNAPSHOT }),
      );
    }
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('is the document the gateway serves', async () => {
    const snapshot = JSON.parse(await readFile(SNAPSHOT, 'utf8')) as Doc;
    const changed = changedOperations(live, snapshot);
    expect(changed, `operations that differ from the snapshot; fix: ${FIX}`).toEqual([]);
    // Components, tags, info: anything else that differs.
    expect(live, `the snapshot is stale; fix: ${FIX}`).toEqual(snapshot);
  });
});
