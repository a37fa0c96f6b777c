// Writes docs/asyncapi.yaml from the event registry.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ASYNCAPI_PATH, renderAsyncApi } from './asyncapi.js';

await mkdir(dirname(ASYNCAPI_PATH), { recursive: true });
await writeFile(ASYNCAPI_PATH, await renderAsyncApi());
process.stdout.write(`wrote ${ASYNCAPI_PATH}\n`);
