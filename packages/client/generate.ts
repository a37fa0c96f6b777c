import { writeFile } from 'node:fs/promises';
import { readSnapshot, SCHEMA_TYPES_PATH, schemaTypesOf } from './codegen.js';

// Regenerates src/schema.d.ts from openapi.json. The snapshot itself is refreshed by the e2e drift
// test: `UPDATE_OPENAPI_SNAPSHOT=1 npx vitest run test/openapi-client.test.ts` in e2e/ (it starts the
// whole system).
await writeFile(SCHEMA_TYPES_PATH, await schemaTypesOf(await readSnapshot()));
process.stdout.write(`wrote ${SCHEMA_TYPES_PATH}\n`);
