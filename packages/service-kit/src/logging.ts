import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
];
const SECRET_HEADERS = ['authorization', 'cookie', '["x-api-key"]', '["set-cookie"]'];

// fast-redact wildcards match one level each, so secrets are redacted up to four levels deep.
export const REDACT_PATHS = [
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
  ...SECRET_HEADERS.flatMap((h) => {
    const path = h.startsWith('[') ? h : `.${h}`;
    return [`req.headers${path}`, `res.headers${path}`, `headers${path}`, `*.headers${path}`];
  }),
];

const REDACTED = '[REDACTED]';
const SECRET_QUERY = /([?&](?:ticket|token|access_token)=)[^&#]*/gi;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

interface LoggableRequest {
  method: string;
  url: string;
  headers?: Record<string, unknown>;
  socket?: { remoteAddress?: string | undefined };
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
export const kitLoggerOptions = {
  redact: { paths: REDACT_PATHS, censor: REDACTED },
  serializers: logSerializers,
} satisfies LoggerOptions;

/** A pino logger at `level` writing JSON lines to `destination` (stdout by default), with redaction. */
export function createLogger(opts: {
  level: string;
  destination?: DestinationStream;
  name?: string;
}): Logger {
  const options: LoggerOptions = { ...kitLoggerOptions, level: opts.level };
  if (opts.name !== undefined) options.name = opts.name;
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/** Honours a well-formed incoming x-request-id, otherwise makes a new one. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
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
