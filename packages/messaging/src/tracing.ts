import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Context,
  type Link,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { errorMessage } from './errors.js';

// Spans are made here rather than by an amqplib instrumentation: only messaging knows that an
// outbox row continues the request that wrote it, hours later perhaps, in another loop.
// A ProxyTracer: it follows the SDK if one is registered later, and is a no-op until then.
const TRACER = trace.getTracer('@kavosh/messaging');
const tracer = () => TRACER;

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The span context a W3C traceparent names, or undefined when it is absent or malformed. */
export function parseTraceparent(value: unknown): SpanContext | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TRACEPARENT.exec(value);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  const spanContext: SpanContext = {
    traceId: match[1],
    spanId: match[2],
    traceFlags: Number.parseInt(match[3], 16) & 1,
    isRemote: true,
  };
  return trace.isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** A span context as a W3C traceparent. */
export function formatTraceparent(spanContext: SpanContext): string {
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/** The active span as a traceparent (tracing on and inside a span), else undefined. */
export function activeTraceparent(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext)
    ? formatTraceparent(spanContext)
    : undefined;
}

/** A context whose parent span is the one `traceparent` names (the root context otherwise). */
export function contextOf(traceparent: unknown): Context {
  const spanContext = parseTraceparent(traceparent);
  return spanContext ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT;
}

/**
 * Runs fn with tracing suppressed: the relay's polling and the consumer's housekeeping queries
 * would otherwise each start a new trace (Prisma spans) every second.
 */
export function untraced<T>(fn: () => T): T {
  return context.with(suppressTracing(context.active()), fn);
}

const ENVELOPE_TRACEPARENT = /"traceparent":"([^"]{55})"/;

/** The traceparent in a serialized envelope, read without parsing the whole JSON. */
export function traceparentInEnvelope(envelope: string): string | undefined {
  return ENVELOPE_TRACEPARENT.exec(envelope)?.[1];
}

const messagingAttributes = (destination: string, type: string, eventId: string) => ({
  'messaging.system': 'rabbitmq',
  'messaging.destination.name': destination,
  'messaging.rabbitmq.destination.routing_key': type,
  'messaging.message.id': eventId,
});

/** A PRODUCER span for one outbox event, child of the span that wrote the event. */
export function startPublishSpan(opts: {
  exchange: string;
  type: string;
  eventId: string;
  traceparent: string | undefined;
}): Span {
  return tracer().startSpan(
    `${opts.type} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        ...messagingAttributes(opts.exchange, opts.type, opts.eventId),
        'messaging.operation.type': 'send',
      },
    },
    contextOf(opts.traceparent),
  );
}

/** A CONSUMER span for one delivered event, child of the span that published it. */
export function startProcessSpan(opts: {
  queue: string;
  type: string;
  eventId: string;
  traceparent: unknown;
  attempt: number;
}): Span {
  return tracer().startSpan(
    `${opts.type} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...messagingAttributes(opts.queue, opts.type, opts.eventId),
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': opts.queue,
        'kavosh.attempt': opts.attempt,
      },
    },
    contextOf(opts.traceparent),
  );
}

/**
 * The span of one consumer transaction that commits several events: a root span linked to each
 * event's process span (a batch has no single parent), under which the queries of the batch land.
 */
export function startBatchSpan(queue: string, members: readonly Span[]): Span {
  const links: Link[] = members.map((span) => ({ context: span.spanContext() }));
  return tracer().startSpan(
    `${queue} process batch`,
    {
      kind: SpanKind.INTERNAL,
      links,
      attributes: { 'messaging.batch.message_count': members.length },
    },
    ROOT_CONTEXT,
  );
}

/** Ends a span as failed, with the error recorded. */
export function endWithError(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : new Error(errorMessage(err)));
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(err) });
  span.end();
}

/** Runs fn with `span` active (on a fresh context: nothing inherited from the caller's loop). */
export function withSpan<T>(span: Span, fn: () => T): T {
  return context.with(trace.setSpan(ROOT_CONTEXT, span), fn);
}

// @kavosh/service-kit's log mixin adds the active span's ids to a line unless the logger is marked
// with this registered symbol (its bindings carry them already).
const TRACE_BOUND = Symbol.for('kavosh.log.traceBound');

/** A child of `logger` with `bindings` and, when valid, the span's trace_id and span_id. */
export function childWithSpan<L extends { child(bindings: object): L }>(
  logger: L,
  bindings: object,
  span: Span,
): L {
  const spanContext = span.spanContext();
  if (!trace.isSpanContextValid(spanContext)) return logger.child(bindings);
  const child = logger.child({
    ...bindings,
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
  });
  Reflect.set(child, TRACE_BOUND, true);
  return child;
}
