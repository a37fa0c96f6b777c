import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Pool, type Dispatcher } from 'undici';

/**
 * One upstream: an undici keep-alive pool, the public prefix its routes are served under, and the
 * prefix put in front of what follows it upstream ('' for /api/<service>/*).
 */
export interface Upstream {
  pool: Dispatcher;
  /** e.g. '/api/catalog': removed from the path, and put back on a relative Location. */
  prefix: string;
  /** e.g. '' (catalog's /movies), or '/.well-known/jwks.json' for the JWKS route. */
  rewritePrefix: string;
}

export interface UpstreamPoolOptions {
  connections: number;
  pipelining: number;
  timeoutMs: number;
}

export const createPool = (origin: string, opts: UpstreamPoolOptions): Pool =>
  new Pool(origin, {
    connections: opts.connections,
    pipelining: opts.pipelining,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
  });

/** What the forwarder asks of its caller: the request headers to send, and what to do on the way. */
export interface ForwardHooks {
  /** The headers sent upstream (hop-by-hop ones are removed afterwards). */
  requestHeaders(request: FastifyRequest): IncomingHttpHeaders;
  /** The upstream answered: its status and the seconds from sending to its headers. */
  answered(status: number, seconds: number): void;
  /** No answer (refused, reset, timed out, invalid): the client gets a problem instead. */
  failed(reply: FastifyReply, error: Error & { code?: string }, seconds: number): void;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and never cross the proxy; undici
// refuses most of them in a request anyway. `expect` is answered by Node's server (100 Continue).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
  'expect',
  'host',
]);

/** The names a Connection header lists: they are hop-by-hop too (RFC 9110 §7.6.1). */
function connectionListed(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value.join(',') : value)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'close' && name !== 'keep-alive');
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const listed = connectionListed(headers.connection);
  for (const name in headers) {
    if (HOP_BY_HOP.has(name)) delete headers[name];
  }
  for (const name of listed) delete headers[name];
  return headers;
}

/** The path after the public prefix, as the upstream knows it ('/' at least). */
export function upstreamPath(url: string, upstream: Upstream): string | undefined {
  if (!url.startsWith(upstream.prefix)) return undefined;
  const rest = url.slice(upstream.prefix.length);
  if (rest !== '' && rest[0] !== '/' && rest[0] !== '?') return undefined;
  const path = upstream.rewritePrefix + rest;
  return path === '' || path[0] === '?' ? `/${path}` : path;
}

/**
 * Forwards one request to its upstream with undici's dispatch API, straight into the raw response:
 * no intermediate stream objects, one header object, backpressure both ways. Until the upstream's
 * headers arrive the reply is Fastify's (a failure becomes a problem+json answer); from then on the
 * reply is hijacked and written as the upstream sends it (a failure midway cuts the response off,
 * as it must once a status is out). A client that goes away aborts the upstream request.
 */
export function forward(
  request: FastifyRequest,
  reply: FastifyReply,
  upstream: Upstream,
  path: string,
  hooks: ForwardHooks,
): void {
  const res = reply.raw;
  const headers = withoutHopByHop(hooks.requestHeaders(request));
  const body = request.body as Readable | undefined;
  const sentAt = performance.now();
  let abort: ((err?: Error) => void) | undefined;
  let resume: (() => void) | undefined;
  let paused = false;
  let started = false;
  // The upstream's answer could not be passed on and the client already has a 502.
  let refused = false;
  const onClientGone = () => {
    if (!res.writableFinished) abort?.(new Error('client went away'));
  };
  const onDrain = () => {
    if (!paused) return;
    paused = false;
    resume?.();
  };
  res.once('close', onClientGone);

  upstream.pool.dispatch(
    {
      path,
      method: request.method as Dispatcher.HttpMethod,
      headers,
      body: body ?? null,
    },
    {
      onConnect(abortRequest) {
        abort = abortRequest;
        if (res.destroyed) abortRequest(new Error('client went away'));
      },
      onHeaders(statusCode, rawHeaders, resumeResponse) {
        const seconds = (performance.now() - sentAt) / 1000;
        resume = resumeResponse;
        const out = responseHeaders(reply, rawHeaders, upstream);
        // An HTTP/1 connection cannot take the next request until this one's body is read: close
        // the client's connection when the upstream answered before the body was all sent.
        if (body !== undefined && !request.raw.complete) out.connection = 'close';
        // From the start of a drain, answers end their kept-alive connection (see the kit's health).
        if (reply.server.shuttingDown) out.connection = 'close';
        try {
          res.writeHead(statusCode, out);
        } catch (err) {
          // A header Node refuses to write: nothing is sent yet, so the client gets a 502 instead
          // (without the upstream's headers writeHead had already set).
          reply.log.warn({ err }, 'upstream answer has a header that cannot be sent');
          for (const name of res.getHeaderNames()) res.removeHeader(name);
          refused = true;
          hooks.failed(reply, new Error('invalid upstream answer'), seconds);
          abort?.(err as Error);
          return false;
        }
        hooks.answered(statusCode, seconds);
        reply.hijack();
        started = true;
        return true;
      },
      onData(chunk) {
        if (res.write(chunk)) return true;
        if (!paused) {
          paused = true;
          res.once('drain', onDrain);
        }
        return false;
      },
      onComplete() {
        res.off('close', onClientGone);
        res.end();
      },
      onError(err: Error & { code?: string }) {
        res.off('close', onClientGone);
        if (refused) return;
        if (started) {
          // The status is out: all that is left is to cut the response short.
          res.destroy(err);
          return;
        }
        if (res.destroyed) return;
        hooks.failed(reply, err, (performance.now() - sentAt) / 1000);
      },
    },
  );
}

/**
 * The answer's headers: the gateway's own (request id, security, CORS, rate limit), then the
 * upstream's over them, without hop-by-hop ones; a relative Location gets the public prefix back.
 */
function responseHeaders(
  reply: FastifyReply,
  rawHeaders: Buffer[],
  upstream: Upstream,
): Record<string, string | number | string[] | undefined> {
  const fromUpstream: OutgoingHttpHeaders = {};
  let connection: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as Buffer).toString('latin1').toLowerCase();
    const value = (rawHeaders[i + 1] as Buffer).toString('latin1');
    if (HOP_BY_HOP.has(name)) {
      if (name === 'connection') connection = value;
      continue;
    }
    const previous = fromUpstream[name];
    // A repeated header (set-cookie, vary …) keeps every value.
    if (previous === undefined) fromUpstream[name] = value;
    else
      fromUpstream[name] = Array.isArray(previous)
        ? [...previous, value]
        : [String(previous), value];
  }
  for (const name of connectionListed(connection)) delete fromUpstream[name];
  const location = fromUpstream.location;
  if (typeof location === 'string' && location.startsWith('/') && !location.startsWith('//')) {
    if (upstream.rewritePrefix === '') fromUpstream.location = upstream.prefix + location;
    else if (location.startsWith(upstream.rewritePrefix)) {
      fromUpstream.location = upstream.prefix + location.slice(upstream.rewritePrefix.length);
    }
  }
  const out: Record<string, string | number | string[] | undefined> = reply.getHeaders();
  // The gateway's Vary (Origin, with a CORS allow-list) and the upstream's both hold.
  const vary = out.vary;
  for (const name in fromUpstream) out[name] = fromUpstream[name];
  if (vary !== undefined && fromUpstream.vary !== undefined)
    out.vary = `${vary}, ${fromUpstream.vary}`;
  return out;
}
