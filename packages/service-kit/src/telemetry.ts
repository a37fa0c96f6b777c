import {
  ProxyTracerProvider,
  trace,
  type Span,
  type SpanContext,
  type TracerProvider,
} from '@opentelemetry/api';

/** trace_id and span_id of a log line. */
export interface TraceFields {
  trace_id: string;
  span_id: string;
}

/** The active span's context when tracing is on and it is valid (sampled or not), else undefined. */
export function activeSpanContext(): SpanContext | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) ? context : undefined;
}

/** The active span as log fields, or undefined (tracing off, or outside any span). */
export function activeTraceFields(): TraceFields | undefined {
  const context = activeSpanContext();
  return context ? { trace_id: context.traceId, span_id: context.spanId } : undefined;
}

/** The active span as a W3C traceparent header value, or undefined. */
export function activeTraceparent(): string | undefined {
  const context = activeSpanContext();
  if (!context) return undefined;
  const flags = (context.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${context.traceId}-${context.spanId}-${flags}`;
}

/**
 * Names the HTTP server span after the route template ("POST /register"), as the semantic
 * conventions ask; the HTTP instrumentation only knows the method. No-op when tracing is off.
 */
export function nameServerSpan(method: string, route: string): void {
  const span: Span | undefined = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.updateName(`${method} ${route}`);
  span.setAttribute('http.route', route);
}

interface Flushable {
  forceFlush(): Promise<void>;
}

const isFlushable = (provider: TracerProvider): provider is TracerProvider & Flushable =>
  typeof Reflect.get(provider, 'forceFlush') === 'function';

/**
 * Exports the spans still buffered by the SDK (if one was started): close-with-grace exits the
 * process right after the app closes, which would drop the last batch.
 */
export async function flushTraces(): Promise<void> {
  const global = trace.getTracerProvider();
  const provider = global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  if (isFlushable(provider)) await provider.forceFlush();
}
