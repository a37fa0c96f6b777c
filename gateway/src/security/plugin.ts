import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { AppError } from '@kavosh/service-kit';
import { corsOrigins, type GatewayConfig } from '../config.js';

export const bodyTooLarge = (limit: number) =>
  new AppError({
    status: 413,
    code: 'BODY_TOO_LARGE',
    title: 'Request body too large',
    detail: `Request bodies are limited to ${limit} bytes.`,
  });

// Upload routes accept bigger bodies than the rest of the API (the service enforces its own cap).
const UPLOAD_ROUTE = /^\/api\/catalog\/movies\/[^/?]+\/poster(?:\?|$)/;

/** The body limit of a request: the upload limit on upload routes, else the general one. */
export const bodyLimitOf = (
  request: { method: string; url: string },
  config: Pick<GatewayConfig, 'BODY_LIMIT_BYTES' | 'UPLOAD_BODY_LIMIT_BYTES'>,
): number =>
  request.method === 'POST' && UPLOAD_ROUTE.test(request.url)
    ? config.UPLOAD_BODY_LIMIT_BYTES
    : config.BODY_LIMIT_BYTES;

// Set when a streamed (chunked) body passed the limit: the proxy's error then answers 413.
const oversized = new WeakMap<object, number>();

/** The limit a request's streamed body went over, if it did. */
export const bodyLimitExceeded = (request: object): number | undefined => oversized.get(request);

/** Passes a body through until `limit` bytes, then fails the stream (and so the upstream call). */
class LimitedBody extends Transform {
  #seen = 0;

  constructor(
    private readonly limit: number,
    private readonly onExceeded: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, cb: TransformCallback): void {
    this.#seen += chunk.length;
    if (this.#seen > this.limit) {
      this.onExceeded();
      cb(bodyTooLarge(this.limit));
      return;
    }
    cb(null, chunk);
  }
}

// What an API answer needs from helmet: nothing may be loaded or framed from it. /docs (Swagger UI)
// sets its own policy on its routes (openapi/routes.ts), which replaces this one.
const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] },
  },
};

/**
 * The headers helmet sets for HELMET_OPTIONS, worked out once. @fastify/helmet builds the helmet
 * middleware again on every request (3.4 µs, a few % of the gateway's CPU per request, measured).
 */
function helmetHeaders(): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => void headers.push([name.toLowerCase(), value]),
    removeHeader: () => undefined,
  };
  helmet(HELMET_OPTIONS)(
    {} as Parameters<ReturnType<typeof helmet>>[0],
    recorder as unknown as Parameters<ReturnType<typeof helmet>>[1],
    () => undefined,
  );
  return headers;
}

const EXPOSED_HEADERS = [
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'retry-after',
  'x-request-id',
  'etag',
  'location',
].join(', ');
const CORS_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const CORS_MAX_AGE_SECONDS = '600';

/**
 * CORS for an allow-list of exact origins, in the security hook: a request without an Origin
 * header (servers, mobile apps, the benchmark) costs one lookup. Returns true when it answered (a
 * preflight). Any other origin gets no allow header, so the browser refuses the answer.
 * (@fastify/cors did the same with an options object and closures per request: ~3 % of the
 * gateway's CPU per request in its profile.)
 */
function applyCors(
  allowed: ReadonlySet<string>,
  request: FastifyRequest,
  reply: FastifyReply,
): boolean {
  const origin = request.headers.origin;
  const isAllowed = origin !== undefined && allowed.has(origin);
  if (isAllowed) {
    reply.header('access-control-allow-origin', origin);
    // The refresh token travels in a cookie.
    reply.header('access-control-allow-credentials', 'true');
  }
  const preflight =
    request.method === 'OPTIONS' &&
    origin !== undefined &&
    request.headers['access-control-request-method'] !== undefined;
  if (!preflight) {
    if (isAllowed) reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    return false;
  }
  reply.header('vary', 'Origin, Access-Control-Request-Headers');
  if (isAllowed) {
    reply.header('access-control-allow-methods', CORS_METHODS);
    const asked = request.headers['access-control-request-headers'];
    if (asked !== undefined) reply.header('access-control-allow-headers', asked);
    reply.header('access-control-max-age', CORS_MAX_AGE_SECONDS);
  }
  void reply.code(204).send();
  return true;
}

/** The Vary every answer of the gateway carries (the proxy merges an upstream's with it). */
export const gatewayVary = (config: Pick<GatewayConfig, 'CORS_ORIGINS'>): string | undefined =>
  corsOrigins(config).length > 0 ? 'Origin' : undefined;

/**
 * Security defaults of the edge: helmet headers, CORS for the allow-listed origins only, the
 * body-size limit on proxied (streamed) bodies, and server timeouts against slow clients.
 */
export function installSecurity(app: FastifyInstance, config: GatewayConfig): void {
  const allowedOrigins = new Set(corsOrigins(config));
  const securityHeaders = helmetHeaders();
  // With an allow-list, every answer varies by Origin (shared caches must not mix them).
  if (allowedOrigins.size > 0) securityHeaders.push(['vary', 'Origin']);
  // One hook for helmet's headers, CORS and the declared body size (every hook costs on every
  // request). The proxy streams bodies to the upstream without parsing them, so Fastify's
  // bodyLimit never sees them: a declared length over the limit is refused up front, a chunked
  // body is cut off.
  app.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.header(name, value);
    if (allowedOrigins.size > 0 && applyCors(allowedOrigins, request, reply)) return;
    const length = request.headers['content-length'];
    if (length === undefined) return done();
    const limit = bodyLimitOf(request, config);
    done(Number(length) > limit ? bodyTooLarge(limit) : undefined);
  });

  // Node closes a connection whose headers (or whole request) are late with 408, checked every
  // connectionsCheckingInterval; setting it before listen() makes the check as fine as the limit.
  const server = app.server;
  server.headersTimeout = config.HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  server.timeout = config.CONNECTION_TIMEOUT_MS;
  // A constructor option in Node's types, but read when the server starts listening.
  Reflect.set(
    server,
    'connectionsCheckingInterval',
    Math.max(50, Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS) / 4),
  );

  app.addHook('preParsing', (request, _reply, payload: Readable, done) => {
    const chunked =
      request.headers['content-length'] === undefined &&
      request.headers['transfer-encoding'] !== undefined;
    if (!chunked) return done(null, payload);
    const limit = bodyLimitOf(request, config);
    done(null, payload.pipe(new LimitedBody(limit, () => oversized.set(request, limit))));
  });
}
