import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { activeLogFields, activeTraceparent, type TraceFields } from './telemetry.js';

const REDACTED = '[REDACTED]';

// Keys whose values never reach a log line, compared case-insensitively, at any depth.
const SECRET_KEYS = new Set(
  [
    'password',
    'currentPassword',
    'newPassword',
    'token',
    'accessToken',
    'refreshToken',
    'secret',
    'ticket',
    'authorization',
    'cookie',
    'set-cookie',
    'x-api-key',
  ].map((key) => key.toLowerCase()),
);
const MAX_SCRUB_DEPTH = 8;

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * A copy of `value` with every secret key's value replaced, at any depth (plain objects and arrays
 * only: errors and requests have their own serializers). Unchanged values are returned as they are.
 */
export function scrubSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_SCRUB_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const scrubbed = scrubSecrets(item, depth + 1);
      if (scrubbed !== item) (copy ??= [...value])[i] = scrubbed;
    });
    return copy ?? value;
  }
  return isPlainObject(value) ? scrubObject(value, depth) : value;
}

function scrubObject(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const scrubbed = SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : scrubSecrets(item, depth + 1);
    if (scrubbed !== item) (copy ??= { ...value })[key] = scrubbed;
  }
  return copy ?? value;
}

const SECRET_QUERY = /([?&](?:ticket|token|access_token)=)[^&#]*/gi;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

interface LoggableRequest {
  method: string;
  url: string;
  headers?: Record<string, unknown>;
  socket?: { remoteAddress?: string | undefined };
}

/** pino's log formatter: the line's own fields with secrets scrubbed (bindings are never secret). */
function scrubLogObject(object: object): Record<string, unknown> {
  return isPlainObject(object) ? scrubObject(object, 0) : { ...object };
}

/** Replaces the values of ticket, token and access_token query parameters with [REDACTED]. */
export function redactUrl(url: string): string {
  return url.includes('?') ? url.replace(SECRET_QUERY, `$1${REDACTED}`) : url;
}

export const logSerializers = {
  req: (req: LoggableRequest) => ({
    method: req.method,
    url: redactUrl(req.url),
    host: req.headers?.host,
    remoteAddress: req.socket?.remoteAddress,
  }),
  err: pino.stdSerializers.err,
};

/** Options every kit logger carries: redaction of secrets and URL-safe request serializers. */
// Scrubbing in the log formatter costs only when a line is written; pino's path-based redact
// also ran on every per-request child logger's bindings (a third of the kit's per-request CPU).
export const kitLoggerOptions = {
  formatters: { log: scrubLogObject },
  serializers: logSerializers,
} satisfies LoggerOptions;

// Set on a logger whose bindings already carry trace_id/span_id (children inherit it through their
// prototype), so that the mixin does not write them a second time. A registered symbol: messaging
// marks its consumers' per-event loggers with it without depending on the kit.
const TRACE_BOUND = Symbol.for('kavosh.log.traceBound');

/** A child of `parent` with `trace` (if any) in its bindings; the mixin leaves its lines alone. */
export function childWithTrace<L extends { child(bindings: object, options?: object): L }>(
  parent: L,
  bindings: object,
  trace: TraceFields | undefined,
  options?: object,
): L {
  if (!trace) return parent.child(bindings, options);
  // Not a spread: Fastify's bindings object has a computed key, and {...bindings, ...trace} of it
  // made a child cost ~25 µs instead of ~3 (measured under load, every traced request paid it).
  const child = parent.child(Object.assign({}, bindings, trace), options);
  Reflect.set(child, TRACE_BOUND, true);
  return child;
}

/**
 * pino mixin: the active span's trace_id and span_id (and, inside a request, its request_id) on
 * every line written inside a span by a logger that does not have them bound already (an event
 * handler's, a feature's own logger called from a route).
 */
function traceMixin(_object: object, _level: number, logger: Logger): object {
  if (Reflect.get(logger, TRACE_BOUND) === true) return NO_FIELDS;
  return activeLogFields() ?? NO_FIELDS;
}

// What the mixin adds to a line that needs nothing: pino's default merge would still copy every
// field of the line into it (one copy per access line).
const NO_FIELDS = Object.freeze({});

function mergeMixin(line: object, mixed: object): object {
  return mixed === NO_FIELDS ? line : Object.assign(mixed, line);
}

// Log lines are written in batches of LOG_BATCH_BYTES, and at least every LOG_FLUSH_MS: one
// write(2) per request was the largest single cost of a proxied request in the gateway's profile.
// At exit the buffer is written out synchronously; only a SIGKILL can lose the last 100 ms.
const LOG_BATCH_BYTES = 4096;
const LOG_FLUSH_MS = 100;
let stdout: ReturnType<typeof pino.destination> | undefined;

/** The process's one buffered stdout destination (every logger shares it, so lines never interleave). */
export function stdoutDestination(): DestinationStream {
  if (stdout === undefined) {
    const destination = pino.destination({
      dest: 1,
      sync: true,
      minLength: LOG_BATCH_BYTES,
      periodicFlush: LOG_FLUSH_MS,
    });
    process.once('exit', () => destination.flushSync());
    stdout = destination;
  }
  return stdout;
}

/** A pino logger at `level` writing JSON lines to `destination` (stdout by default), with redaction. */
export function createLogger(opts: {
  level: string;
  destination?: DestinationStream;
  name?: string;
}): Logger {
  const options: LoggerOptions = {
    ...kitLoggerOptions,
    level: opts.level,
    mixin: traceMixin,
    mixinMergeStrategy: mergeMixin,
  };
  if (opts.name !== undefined) options.name = opts.name;
  return pino(options, opts.destination ?? stdoutDestination());
}

/** Honours a well-formed incoming x-request-id, otherwise makes a new one. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The traceparent to carry into the events a request publishes: the request's own server span when
 * tracing is on, else its valid W3C traceparent header, else undefined.
 */
export function traceparentOf(req: { headers: Record<string, unknown> }): string | undefined {
  const active = activeTraceparent();
  if (active) return active;
  const header = req.headers.traceparent;
  return typeof header === 'string' && traceContext(header) ? header : undefined;
}

/** trace_id and span_id from a valid W3C traceparent header, or undefined. */
export function traceContext(header: unknown): { trace_id: string; span_id: string } | undefined {
  if (typeof header !== 'string') return undefined;
  const match = TRACEPARENT.exec(header);
  if (!match) return undefined;
  const [, traceId, spanId] = match;
  // Version ff and all-zero ids are invalid per the W3C Trace Context spec.
  if (
    !traceId ||
    !spanId ||
    header.startsWith('ff') ||
    /^0+$/.test(traceId) ||
    /^0+$/.test(spanId)
  ) {
    return undefined;
  }
  return { trace_id: traceId, span_id: spanId };
}
