import { Transform, type Readable, type TransformCallback } from 'node:stream';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
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
const oversized = new WeakSet<object>();

export const bodyWasTooLarge = (request: object): boolean => oversized.has(request);

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
];

/**
 * Security defaults of the edge: helmet headers, CORS for the allow-listed origins only, the
 * body-size limit on proxied (streamed) bodies, and server timeouts against slow clients.
 */
export async function installSecurity(app: FastifyInstance, config: GatewayConfig): Promise<void> {
  const securityHeaders = helmetHeaders();
  // One hook for helmet's headers and the declared body size (every hook costs on every request).
  // The proxy streams bodies to the upstream without parsing them, so Fastify's bodyLimit never
  // sees them: a declared length over the limit is refused up front, a chunked body is cut off.
  app.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.header(name, value);
    const length = request.headers['content-length'];
    if (length === undefined) return done();
    const limit = bodyLimitOf(request, config);
    done(Number(length) > limit ? bodyTooLarge(limit) : undefined);
  });
  const origins = corsOrigins(config);
  await app.register(cors, {
    // Exact origins only; an empty list answers no CORS headers at all (same-origin clients only).
    origin: origins.length > 0 ? origins : false,
    // The refresh token travels in a cookie.
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
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
    done(null, payload.pipe(new LimitedBody(limit, () => oversized.add(request))));
  });
}
