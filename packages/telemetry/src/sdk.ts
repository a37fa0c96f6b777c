import type { IncomingMessage } from 'node:http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import { headSamplingRatio, readTelemetryConfig } from './config.js';
import { gatedSampler, installRequestGate } from './head-sampling.js';

const PROPAGATION_HEADERS = new Set(['traceparent', 'tracestate']);

/**
 * Drops a traceparent/tracestate that the caller copied into an outgoing request (a proxy forwards
 * its client's headers): the undici instrumentation appends its own, and two traceparents are
 * invalid, so the callee would start a new trace.
 */
export function dropForwardedTraceHeaders(request: { headers?: unknown }): void {
  const { headers } = request;
  if (Array.isArray(headers)) {
    const kept: unknown[] = [];
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (!PROPAGATION_HEADERS.has(String(headers[i]).toLowerCase()))
        kept.push(headers[i], headers[i + 1]);
    }
    headers.splice(0, headers.length, ...kept);
  } else if (typeof headers === 'string') {
    request.headers = headers
      .split('\r\n')
      .filter(
        (line) => !PROPAGATION_HEADERS.has(line.slice(0, line.indexOf(':')).trim().toLowerCase()),
      )
      .join('\r\n');
  }
}

// Probes and scrapes would be most of the traces and tell nothing.
const UNTRACED_PATHS = /^\/(?:health\/(?:live|ready)|metrics)(?:\?|$)/;
const untraced = (url: string): boolean => UNTRACED_PATHS.test(url);

export interface TelemetryOptions {
  serviceName: string;
  /** Default: the exporters OTEL_TRACES_EXPORTER / OTEL_EXPORTER_OTLP_* describe, batched. */
  spanProcessors?: SpanProcessor[];
  /**
   * Default: OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG (parentbased_always_on if unset). A
   * sampler given here decides alone: incoming requests then have no head-sampling gate.
   */
  sampler?: Sampler;
  /**
   * The share of incoming requests without a parent that start a sampled trace, decided before
   * the HTTP instrumentation runs (head-sampling.ts). Default: from OTEL_TRACES_SAMPLER(_ARG)
   * when it is parent-based or unset.
   */
  sampleRatio?: number;
}

export interface Telemetry {
  /** Exports what is buffered, then stops tracing. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK: W3C trace context, HTTP server and client, undici (fetch), ioredis
 * and Prisma spans. RabbitMQ spans are made by @kavosh/messaging itself, so that the outbox keeps
 * the request's trace. Modules loaded before this call are not instrumented.
 */
export function startTelemetry(opts: TelemetryOptions): Telemetry {
  const ratio = opts.sampler
    ? undefined
    : (opts.sampleRatio ?? headSamplingRatio(readTelemetryConfig()));
  if (ratio !== undefined && !(ratio >= 0 && ratio <= 1))
    throw new Error(`sampleRatio must be within 0..1, got ${ratio}`);
  // At 1 every new trace is sampled: the gate would spare nothing, so the SDK decides as usual.
  const gated = ratio !== undefined && ratio < 1;
  const sampler = gated ? gatedSampler(ratio) : opts.sampler;
  const sdk = new NodeSDK({
    serviceName: opts.serviceName,
    ...(opts.spanProcessors ? { spanProcessors: opts.spanProcessors } : {}),
    ...(sampler ? { sampler } : {}),
    // Logs stay on stdout as JSON lines (pino); metrics stay on /metrics (prom-client).
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req: IncomingMessage) => untraced(req.url ?? ''),
      }),
      new UndiciInstrumentation({
        requestHook: (_span, request) => dropForwardedTraceHeaders(request),
      }),
      new IORedisInstrumentation(),
      new PrismaInstrumentation(),
    ],
  });
  sdk.start();
  const removeGate = gated ? installRequestGate({ ratio, untraced }) : undefined;
  return {
    shutdown: () => {
      removeGate?.();
      return sdk.shutdown();
    },
  };
}
