// Preload: `import '@kavosh/telemetry/register'` as the first import of a main.ts (or
// `node --import @kavosh/telemetry/register`). It must run before Fastify, ioredis and the Prisma
// client are loaded, so that their instrumentations can patch them.
import { createRequire } from 'node:module';
import { readTelemetryConfig, serviceNameFor, tracingWanted } from './config.js';
import type * as Sdk from './sdk.js';

const config = readTelemetryConfig();
if (tracingWanted(config)) {
  // Loaded only when tracing is on (the SDK costs a process ≈ 40 MB and half a second otherwise),
  // and synchronously: an `await import()` here would let the app's other imports run first,
  // before the instrumentations could patch them.
  const { startTelemetry } = createRequire(import.meta.url)('./sdk.js') as typeof Sdk;
  const telemetry = startTelemetry({ serviceName: serviceNameFor(config, process.argv[1]) });
  preloadForInstrumentation(process.argv[1]);
  // close-with-grace exits the process itself after the app closed (and the kit flushed spans);
  // this covers scripts and processes that end on their own.
  process.once('beforeExit', () => void telemetry.shutdown());
}

/**
 * A CommonJS package imported from ESM does not pass through require(), where the instrumentations
 * hook in; requiring it here first (from the entry's own folder, so the same copy resolves) puts
 * the patched exports in the module cache that the app's later import reads.
 */
function preloadForInstrumentation(entry: string | undefined): void {
  if (!entry) return;
  const requireFromEntry = createRequire(entry);
  for (const name of ['ioredis']) {
    try {
      requireFromEntry(name);
    } catch (err) {
      // Not installed for this process: nothing to instrument. Anything else is a real failure.
      if (!(err instanceof Error && Reflect.get(err, 'code') === 'MODULE_NOT_FOUND')) throw err;
    }
  }
}
