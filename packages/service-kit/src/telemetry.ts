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

// The request id of each server span, for lines written in it by loggers that are not the
// request's own (a feature's logger). Weak: an entry goes with its span.
const REQUEST_IDS = new WeakMap<Span, string>();

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

/**
 * The log fields of the active span: trace_id, span_id and, inside a request's server span, its
 * request_id. Undefined when tracing is off or outside any span.
 */
export function activeLogFields(): (TraceFields & { request_id?: string }) | undefined {
  const span = trace.getActiveSpan();
  const context = span?.spanContext();
  if (!span || !context || !trace.isSpanContextValid(context)) return undefined;
  const requestId = REQUEST_IDS.get(span);
  const fields = { trace_id: context.traceId, span_id: context.spanId };
  return requestId === undefined ? fields : { ...fields, request_id: requestId };
}

/** The active span as a W3C traceparent header value, or undefined. */
export function activeTraceparent(): string | undefined {
  const context = activeSpanContext();
  if (!context) return undefined;
  const flags = (context.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${context.traceId}-${context.spanId}-${flags}`;
}

/**
 * Ties the request's server span (the active span as the request arrives) to its request id (for
 * activeLogFields) and names it after the route template ("POST /register"), as the semantic
 * conventions ask; the HTTP instrumentation only knows the method.
 */
export function nameServerSpan(span: Span, method: string, route: string, requestId: string): void {
  REQUEST_IDS.set(span, requestId);
  if (!span.isRecording()) return;
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
