// Preload of lib/kit-server.ts (BENCH_TRACING=standard): the usual OpenTelemetry set-up, the
// baseline of issue #18's tracing row: sdk-node with the HTTP instrumentation, every incoming
// request through it, and the sampler from OTEL_TRACES_SAMPLER(_ARG).
// @fastify/otel is not installed in this workspace, so the standard set-up here is sdk-node + http.
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({
  serviceName: 'bench-standard',
  logRecordProcessors: [],
  instrumentations: [new HttpInstrumentation()],
});
sdk.start();
process.once('beforeExit', () => void sdk.shutdown());
