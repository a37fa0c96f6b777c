import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
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
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] },
  },
};

/**
 * The headers helmet sets with `options`, computed once. They depend on no request (no CSP nonce),
 * and @fastify/helmet rebuilt helmet's middleware, CSP parsing included, on every request: about
 * 6 % of the gateway's CPU under load (docs/gateway.md, Benchmark).
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => {
    if (err !== undefined) throw err instanceof Error ? err : new Error(String(err));
  });
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

// An allowed origin: its own name back, with credentials (the refresh token travels in a cookie).
const ALLOWED: FastifyCorsOptions = {
  origin: true,
  credentials: true,
  exposedHeaders: EXPOSED_HEADERS,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  maxAge: 600,
};
// An OPTIONS request without Access-Control-Request-Method is not a preflight: it is proxied.
const ALLOWED_NOT_PREFLIGHT: FastifyCorsOptions = { ...ALLOWED, preflight: false };
// Any other origin (or none): no CORS header at all, so a browser refuses the answer.
const REFUSED: FastifyCorsOptions = { origin: false };

/** The Vary every answer of the gateway carries (the proxy merges an upstream's with it). */
export const gatewayVary = (config: Pick<GatewayConfig, 'CORS_ORIGINS'>): string | undefined =>
  corsOrigins(config).length > 0 ? 'Origin' : undefined;

/**
 * Security defaults of the edge: helmet's headers (computed once), @fastify/cors for the allow-listed
 * origins only, the body-size limit on proxied (streamed) bodies, and server timeouts against slow
 * clients. Registered before authentication, the rate limit and the policy check, so their
 * onRequest hooks come first: a CORS preflight (which a browser sends without credentials) is
 * answered here and never reaches them.
 */
export async function installSecurity(app: FastifyInstance, config: GatewayConfig): Promise<void> {
  const securityHeaders = helmetHeaders(HELMET_OPTIONS);
  const allowed = new Set(corsOrigins(config));

  // A preflight @fastify/cors did not answer (its origin is not allowed, or there is no allow-list):
  // 204 without CORS headers, here, so that it never needs a credential either. The proxy streams
  // bodies to the upstream without parsing them, so Fastify's bodyLimit never sees them: a declared
  // length over the limit is refused up front, a chunked body is cut off (preParsing below).
  const refuseEarly = (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Error | 'answered' | undefined => {
    if (
      request.method === 'OPTIONS' &&
      request.headers.origin !== undefined &&
      request.headers['access-control-request-method'] !== undefined
    ) {
      void reply.code(204).header('content-length', '0').send();
      return 'answered';
    }
    const length = request.headers['content-length'];
    if (length === undefined) return undefined;
    const limit = bodyLimitOf(request, config);
    return Number(length) > limit ? bodyTooLarge(limit) : undefined;
  };

  if (allowed.size === 0) {
    // CORS off: @fastify/cors with `origin: false` only copied its options on every request.
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(securityHeaders);
      const refused = refuseEarly(request, reply);
      if (refused !== 'answered') done(refused);
    });
  } else {
    // The security headers first, so that a preflight @fastify/cors answers carries them too.
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(securityHeaders);
      done();
    });
    // With an allow-list the options depend on the request (the delegator, which also makes every
    // answer say Vary: Origin).
    await app.register(fastifyCors, {
      delegator: (request, callback) => {
        const origin = request.headers.origin;
        if (origin === undefined || !allowed.has(origin)) return callback(null, REFUSED);
        const preflight = request.headers['access-control-request-method'] !== undefined;
        callback(null, preflight ? ALLOWED : ALLOWED_NOT_PREFLIGHT);
      },
    });
    app.addHook('onRequest', (request, reply, done) => {
      const refused = refuseEarly(request, reply);
      if (refused !== 'answered') done(refused);
    });
  }

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
