import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import * as prettier from 'prettier';

/** The merged OpenAPI document the client is generated from (a snapshot of the gateway's). */
export const SNAPSHOT_PATH = fileURLToPath(new URL('./openapi.json', import.meta.url));
/** The generated types, committed beside the client. */
export const SCHEMA_TYPES_PATH = fileURLToPath(new URL('./src/schema.d.ts', import.meta.url));

const HEADER =
  '// Generated from openapi.json by `npm run generate -w @kavosh/client`; do not edit.\n';

/** The TypeScript types of an OpenAPI document, formatted as the repository formats them. */
export async function schemaTypesOf(doc: unknown): Promise<string> {
  const ast = await openapiTS(doc as OpenAPI3, { alphabetize: false });
  const options = (await prettier.resolveConfig(SCHEMA_TYPES_PATH)) ?? {};
  return prettier.format(HEADER + astToString(ast), { ...options, filepath: SCHEMA_TYPES_PATH });
}

/** The snapshot, parsed. */
export async function readSnapshot(): Promise<unknown> {
  return JSON.parse(await readFile(SNAPSHOT_PATH, 'utf8')) as unknown;
}
