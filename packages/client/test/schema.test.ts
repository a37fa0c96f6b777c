import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readSnapshot, SCHEMA_TYPES_PATH, schemaTypesOf } from '../codegen.js';

describe('src/schema.d.ts', () => {
  it('is what openapi.json generates (else: npm run generate -w @kavosh/client)', async () => {
    const committed = await readFile(SCHEMA_TYPES_PATH, 'utf8');
    const generated = await schemaTypesOf(await readSnapshot());
    expect(
      committed === generated,
      'src/schema.d.ts is not what packages/client/openapi.json generates: ' +
        'run `npm run generate -w @kavosh/client` and commit the result',
    ).toBe(true);
  }, 120_000);
});
