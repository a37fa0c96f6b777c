// Head sampling of incoming HTTP requests, decided before the HTTP instrumentation runs.
//
// At a ratio of 0.1, nine requests in ten are never exported, yet the HTTP instrumentation does
// nearly all of its work for them (attributes, a span, listeners bound to the request and the
// response): about 80 % of what tracing cost a service (docs/observability.md, "What tracing
// costs"). Here an unsampled request skips the instrumentation and runs in a context that carries
// only a non-recording span context: its trace id (the caller's, or a new one), a span id of its
// own and the sampled flag 0. Everything downstream still sees a valid span: log lines carry the
// ids, outbox rows and outgoing calls carry a traceparent ending in -00, and the parent-based
// sampler keeps every child span unrecorded.
import http from 'node:http';
import { createRequire } from 'node:module';
import {
  ROOT_CONTEXT,
  SpanKind,
  TraceFlags,
  context,
  propagation,
  trace,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';
import {
  ParentBasedSampler,
  RandomIdGenerator,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace-base';

/**
 * The root sampler behind the gate: a root SERVER span exists only for a request the gate already
 * chose, so it is recorded; any other root span (a script's, a timer's) is sampled at the ratio.
 */
class GatedRootSampler implements Sampler {
  readonly #ratio: TraceIdRatioBasedSampler;

  constructor(private readonly ratio: number) {
    this.#ratio = new TraceIdRatioBasedSampler(ratio);
  }

  shouldSample(ctx: Context, traceId: string, _name: string, spanKind: SpanKind): SamplingResult {
    if (spanKind === SpanKind.SERVER) return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    return this.#ratio.shouldSample(ctx, traceId);
  }

  toString(): string {
    return `GatedRootSampler{ratio=${this.ratio}}`;
  }
}

/** The SDK sampler that goes with the gate: parent-based, roots as GatedRootSampler. */
export function gatedSampler(ratio: number): Sampler {
  return new ParentBasedSampler({ root: new GatedRootSampler(ratio) });
}

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
const isEmit = (value: unknown): value is Emit => typeof value === 'function';

/**
 * Puts the sampling decision in front of the instrumented `http.Server.prototype.emit`: a request
 * that is sampled (its parent's flag, else `ratio`) or on an `untraced` path goes through the HTTP
 * instrumentation; any other runs the server's original emit in an unsampled span context.
 * Call it after the SDK started; throws if the HTTP instrumentation has not patched the server.
 * Returns the function that takes the gate away again.
 */
export function installRequestGate(opts: {
  ratio: number;
  untraced: (url: string) => boolean;
}): () => void {
  // The instrumentation patches http when it is next required: require it now, so that the
  // patched emit is the one this gate wraps.
  createRequire(import.meta.url)('node:http');
  const instrumented: unknown = Reflect.get(http.Server.prototype, 'emit');
  // shimmer, which the instrumentations wrap with, keeps the unwrapped function as __original.
  const original: unknown = isEmit(instrumented)
    ? Reflect.get(instrumented, '__original')
    : undefined;
  if (!isEmit(instrumented) || !isEmit(original))
    throw new Error('the HTTP instrumentation has not patched http.Server');
  const ids = new RandomIdGenerator();
  const { ratio, untraced } = opts;

  const gatedEmit: Emit = function (event, ...args) {
    if (event !== 'request') return original.call(this, event, ...args);
    const req = args[0];
    if (!(req instanceof http.IncomingMessage)) return instrumented.call(this, event, ...args);
    const headers = req.headers;
    // Only a request that names a parent pays for its extraction.
    const carried = headers.traceparent !== undefined || headers.baggage !== undefined;
    const parentContext = carried ? propagation.extract(ROOT_CONTEXT, headers) : ROOT_CONTEXT;
    const extracted = carried ? trace.getSpanContext(parentContext) : undefined;
    const parent = extracted && trace.isSpanContextValid(extracted) ? extracted : undefined;
    const sampled =
      parent === undefined ? Math.random() < ratio : (parent.traceFlags & TraceFlags.SAMPLED) !== 0;
    if (sampled || untraced(req.url ?? '/')) return instrumented.call(this, event, ...args);
    const own: SpanContext = {
      traceId: parent?.traceId ?? ids.generateTraceId(),
      spanId: ids.generateSpanId(),
      traceFlags: TraceFlags.NONE,
      isRemote: false,
    };
    if (parent?.traceState !== undefined) own.traceState = parent.traceState;
    return context.with(trace.setSpanContext(parentContext, own), original, this, event, ...args);
  };
  Reflect.set(http.Server.prototype, 'emit', gatedEmit);
  return () => {
    if (Reflect.get(http.Server.prototype, 'emit') === gatedEmit)
      Reflect.set(http.Server.prototype, 'emit', instrumented);
  };
}
