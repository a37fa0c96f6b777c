import type { IncomingHttpHeaders } from 'node:http';
import proxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, sendProblem } from '@kavosh/service-kit';
import { formatPartnerHeader, INTERNAL_PARTNER_HEADER } from '@kavosh/auth-client';
import type { GatewayConfig } from '../config.js';
import { upstreamMetrics } from '../observability/upstream-metrics.js';
import { PARTNER_AUTH_SCHEME, PARTNER_REQUEST_HEADERS } from '../partners/plugin.js';
import { bodyLimitExceeded, bodyTooLarge, gatewayVary } from '../security/plugin.js';
import { upstreamTimeouts, upstreamUrls, type UpstreamName } from '../upstreams.js';
import { BufferedAnswer } from './buffered-answer.js';
import { UpstreamDispatcher } from './upstream-dispatcher.js';

type ReplyOptions = NonNullable<FastifyHttpProxyOptions['replyOptions']>;
type AnswerHeaders = Parameters<NonNullable<ReplyOptions['rewriteHeaders']>>[0];
type UpstreamReply = Parameters<NonNullable<ReplyOptions['onError']>>[0];
type OnResponse = NonNullable<ReplyOptions['onResponse']>;

// Never sent upstream: identity and internal headers are set by Kavosh, never by a client;
// forwarding headers are rebuilt from what this gateway saw (its trust-proxy hop count decides
// req.ip); hop-by-hop headers (RFC 9110 §7.6.1) belong to the client's connection (reply-from
// already drops `connection` and the names it lists; undici refuses several of the others, and
// `expect` is answered by Node's server).
const STRIPPED =
  /^(?:x-user-|x-internal-|x-forwarded-|x-real-ip$|forwarded$|keep-alive$|proxy-|te$|trailer$|upgrade$|http2-settings$|expect$|transfer-encoding$|connection$)/;

/**
 * The headers an upstream receives: `headers` (a copy of the client's, changed in place) without
 * the STRIPPED ones, plus x-forwarded-for/-proto/-host and x-request-id. A partner's key and
 * signature stay at the edge; the service gets the verified partner instead.
 */
export function forwardedHeaders(
  request: Pick<FastifyRequest, 'ip' | 'protocol' | 'host' | 'id'> &
    Partial<Pick<FastifyRequest, 'partner'>>,
  headers: IncomingHttpHeaders,
): IncomingHttpHeaders {
  for (const name in headers) {
    if (STRIPPED.test(name)) delete headers[name];
  }
  for (const name of PARTNER_REQUEST_HEADERS) delete headers[name];
  if (headers.authorization?.startsWith(PARTNER_AUTH_SCHEME)) delete headers.authorization;
  if (request.partner) headers[INTERNAL_PARTNER_HEADER] = formatPartnerHeader(request.partner);
  headers['x-forwarded-for'] = request.ip;
  headers['x-forwarded-proto'] = request.protocol;
  if (request.host) headers['x-forwarded-host'] = request.host;
  headers['x-request-id'] = request.id;
  return headers;
}

// Hop-by-hop answer headers never reach the client (Node's server sets its own connection ones).
const HOP_BY_HOP_ANSWER = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/** The names a Connection header lists: hop-by-hop too (RFC 9110 §7.6.1). */
function connectionListed(value: string | string[] | undefined): string[] {
  // What nearly every upstream sends: nothing to split.
  if (value === undefined || value === 'keep-alive' || value === 'close') return [];
  return (Array.isArray(value) ? value.join(',') : value)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'close' && name !== 'keep-alive');
}

/**
 * The upstream's answer headers as the client gets them (changed in place; reply-from then sets
 * each on the reply, over the gateway's own): no hop-by-hop ones; a relative Location gets the
 * public prefix back; the gateway's Vary (Origin, from CORS) and the upstream's both hold, where
 * the upstream's alone would replace it. Repeated headers (Set-Cookie) arrive as arrays and keep
 * every value.
 */
function answerHeadersFor(prefix: string, rewritePrefix: string, vary: string | undefined) {
  return (headers: AnswerHeaders): AnswerHeaders => {
    const listed = headers.connection;
    for (const name in headers) {
      if (HOP_BY_HOP_ANSWER.has(name)) delete headers[name];
    }
    if (listed !== undefined) {
      for (const name of connectionListed(listed as string | string[])) delete headers[name];
    }
    const location = headers.location;
    if (typeof location === 'string' && location.startsWith('/') && !location.startsWith('//')) {
      if (rewritePrefix === '') headers.location = prefix + location;
      else if (location.startsWith(rewritePrefix)) {
        headers.location = prefix + location.slice(rewritePrefix.length);
      }
    }
    const upstreamVary = headers.vary;
    if (vary !== undefined && upstreamVary !== undefined) {
      const value = Array.isArray(upstreamVary) ? upstreamVary.join(', ') : String(upstreamVary);
      if (!/(?:^|,)\s*(?:origin|\*)\s*(?:,|$)/i.test(value)) headers.vary = `${vary}, ${value}`;
    }
    return headers;
  };
}

const upstreamTimeout = () =>
  new AppError({
    status: 504,
    code: 'UPSTREAM_TIMEOUT',
    title: 'Upstream timeout',
    detail: 'The service behind this route did not answer in time.',
  });

const upstreamUnavailable = (status: 502 | 503) =>
  new AppError({
    status,
    code: 'UPSTREAM_UNAVAILABLE',
    title: 'Upstream unavailable',
    detail: 'The service behind this route cannot be reached; retry later.',
  });

/** ECONNREFUSED anywhere in the cause chain (Node wraps one per address in an AggregateError). */
function connectionRefused(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 5) return false;
  if ((err as { code?: unknown }).code === 'ECONNREFUSED') return true;
  if (err instanceof AggregateError && err.errors.some((e) => connectionRefused(e, depth + 1)))
    return true;
  return connectionRefused(err.cause, depth + 1);
}

/**
 * No answer from the upstream (reply-from has logged why): a chunked body cut off at the limit is
 * the client's 413; a timeout (reply-from's 504 errors: headers or connect timeout) a 504; a
 * refused connection (nothing listens: the service is down, retry later) a 503; anything else
 * (reset, an invalid answer) a 502.
 */
function answerUpstreamError(
  reply: UpstreamReply,
  { error }: { error: Error & { statusCode?: number } },
): void {
  const exceeded = bodyLimitExceeded(reply.request);
  if (exceeded !== undefined) {
    sendProblem(reply, bodyTooLarge(exceeded));
    return;
  }
  if (error.statusCode === 504) sendProblem(reply, upstreamTimeout());
  else sendProblem(reply, upstreamUnavailable(connectionRefused(error) ? 503 : 502));
}

/** The upstream's answer to the client: a small one as one buffer, any other as its stream. */
const sendAnswer: OnResponse = (_request, reply, res) => {
  const body: unknown = res.stream;
  void reply.send(body instanceof BufferedAnswer ? body.payload : body);
};

// The gateway passes an upstream's 503 on as it is: reply-from would otherwise retry a GET up to
// ten times (and not read the answers it drops).
const noRetry = () => null;

const REFUSED_RETRY_INTERVAL_MS = 250;

// A keep-alive connection the upstream closed as it stopped (ECONNRESET, EPIPE, undici's "other
// side closed"): no answer came back on it.
const LOST_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** A refused connection, or one the upstream closed before answering, anywhere in the chain. */
function connectionLost(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 5) return false;
  if (connectionRefused(err)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && LOST_CONNECTION_CODES.has(code)) return true;
  return connectionLost(err.cause, depth + 1);
}

/**
 * With UPSTREAM_REFUSED_RETRY_MS, a GET or HEAD whose connection was refused, or closed by an
 * upstream that is stopping, is sent again every 250 ms within that window: a read is safe to
 * repeat. Anything else (another method, a timeout, an upstream's own answer) is answered at once.
 */
function retryRefusedReads(windowMs: number): NonNullable<ReplyOptions['retryDelay']> {
  if (windowMs <= 0) return noRetry;
  const attempts = Math.ceil(windowMs / REFUSED_RETRY_INTERVAL_MS);
  return ({ err, req, attempt }) =>
    (req.method === 'GET' || req.method === 'HEAD') && attempt < attempts && connectionLost(err)
      ? REFUSED_RETRY_INTERVAL_MS
      : null;
}

const METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'];

/**
 * `/api/<service>` and everything under it to each service (prefix removed), and the JWKS to auth,
 * with @fastify/http-proxy. Each upstream has one keep-alive pool (with its own timeout, a bounded
 * wait for a connection and a deadline for the whole answer: UpstreamDispatcher), shared by every
 * route to it. The hooks are made once per upstream. Bodies are not parsed: they stream both ways.
 */
export async function proxyRoutes(app: FastifyInstance, config: GatewayConfig): Promise<void> {
  const urls = upstreamUrls(config);
  const timeouts = upstreamTimeouts(config);
  const names = Object.keys(urls) as UpstreamName[];
  const observers = upstreamMetrics(app, names);
  const vary = gatewayVary(config);
  const dispatchers = {} as Record<UpstreamName, UpstreamDispatcher>;
  for (const name of names) {
    dispatchers[name] = new UpstreamDispatcher(
      urls[name],
      {
        connections: config.UPSTREAM_CONNECTIONS,
        pipelining: config.UPSTREAM_PIPELINING,
        timeoutMs: timeouts[name],
        deadlineMs: config.UPSTREAM_DEADLINE_MS,
      },
      observers[name],
    );
  }
  const jwks = '/.well-known/jwks.json';
  const routes: {
    name: UpstreamName;
    prefix: string;
    rewritePrefix: string;
    paths?: string[];
  }[] = [
    ...names.map((name) => ({ name, prefix: `/api/${name}`, rewritePrefix: '' })),
    { name: 'auth', prefix: jwks, rewritePrefix: jwks, paths: ['/'] },
  ];

  await app.register(async (scope) => {
    // The body is the request stream itself (after the security plugin's size limit): without
    // this, Fastify's inherited parsers would read JSON and text/plain bodies whole (and
    // @fastify/http-proxy can only add parsers for the types they do not cover).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    for (const { name, prefix, rewritePrefix, paths } of routes) {
      await scope.register(proxy, {
        upstream: urls[name],
        prefix,
        rewritePrefix,
        ...(paths ? { routes: paths } : {}),
        httpMethods: METHODS,
        undici: dispatchers[name],
        proxyPayloads: false,
        // The kit writes one access line per request; reply-from's two would triple it.
        disableRequestLogging: true,
        // Done in rewriteHeaders: http-proxy's would also prefix `//host/…` and `relative/…`.
        internalRewriteLocationHeader: false,
        replyOptions: {
          rewriteRequestHeaders: forwardedHeaders,
          rewriteHeaders: answerHeadersFor(prefix, rewritePrefix, vary),
          onError: answerUpstreamError,
          onResponse: sendAnswer,
          retryDelay: retryRefusedReads(config.UPSTREAM_REFUSED_RETRY_MS),
        },
      });
    }
  });
  app.addHook('onClose', async () => {
    await Promise.all(names.map((name) => dispatchers[name].close()));
  });
}
