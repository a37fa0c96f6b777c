import type { IncomingHttpHeaders } from 'node:http';
import proxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, sendProblem } from '@kavosh/service-kit';
import type { GatewayConfig } from '../config.js';
import { upstreamMetrics, type UpstreamObserver } from '../observability/upstream-metrics.js';
import { bodyTooLarge, bodyWasTooLarge } from '../security/plugin.js';
import { upstreamUrls, type UpstreamName } from '../upstreams.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** performance.now() when the proxy sent this request upstream (0: not proxied). */
    upstreamSentAt: number;
  }
}

// Identity and internal headers are set by Kavosh, never by a client; forwarding headers are
// rebuilt from what this gateway saw (its trust-proxy hop count decides req.ip).
const STRIPPED = /^(x-user-|x-internal-|x-forwarded-|x-real-ip$|forwarded$)/;

type ReplyOptions = NonNullable<FastifyHttpProxyOptions['replyOptions']>;
type UpstreamReply = Parameters<NonNullable<ReplyOptions['onError']>>[0];

export function forwardedHeaders(
  request: Pick<FastifyRequest, 'ip' | 'protocol' | 'host' | 'id'>,
  headers: IncomingHttpHeaders,
): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  // for…in over the plain copy reply-from made: no entries array per request.
  for (const name in headers) {
    if (!STRIPPED.test(name)) out[name] = headers[name];
  }
  out['x-forwarded-for'] = request.ip;
  out['x-forwarded-proto'] = request.protocol;
  if (request.host) out['x-forwarded-host'] = request.host;
  out['x-request-id'] = request.id;
  return out;
}

function answerUpstreamError(reply: UpstreamReply, error: Error & { code?: string }): void {
  // A chunked body cut off at the limit fails the upstream call: that is the client's 413.
  if (bodyWasTooLarge(reply.request)) {
    sendProblem(reply, bodyTooLarge(reply.server.initialConfig.bodyLimit ?? 0));
    return;
  }
  const timedOut = /TIMEOUT/i.test(error.code ?? '') || /timeout/i.test(error.message);
  reply.log.warn({ err: error }, 'upstream request failed');
  sendProblem(
    reply,
    timedOut
      ? new AppError({
          status: 504,
          code: 'UPSTREAM_TIMEOUT',
          title: 'Upstream timeout',
          detail: 'The service behind this route did not answer in time.',
        })
      : new AppError({
          status: 502,
          code: 'UPSTREAM_UNAVAILABLE',
          title: 'Upstream unavailable',
          detail: 'The service behind this route cannot be reached; retry later.',
        }),
  );
}

/** Proxy hooks for one upstream: forwarding headers, its metrics, and problem+json on failure. */
function replyOptionsFor(observer: UpstreamObserver): ReplyOptions {
  return {
    rewriteRequestHeaders: (request, headers) => {
      request.upstreamSentAt = performance.now();
      return forwardedHeaders(request, headers);
    },
    onResponse: (request, reply, res) => {
      observer.answered(res.statusCode, (performance.now() - request.upstreamSentAt) / 1000);
      void reply.send(res.stream);
    },
    onError: (reply, { error }) => {
      observer.failed((performance.now() - reply.request.upstreamSentAt) / 1000);
      answerUpstreamError(reply, error);
    },
  };
}

/** `/api/<service>/*` to each service (prefix removed), and the JWKS to auth. */
export async function proxyRoutes(app: FastifyInstance, config: GatewayConfig): Promise<void> {
  app.decorateRequest('upstreamSentAt', 0);
  const upstreams = upstreamUrls(config);
  const observers = upstreamMetrics(app, Object.keys(upstreams) as UpstreamName[]);
  // The kit writes one access line per request; reply-from's own two lines would triple it.
  const common = {
    disableRequestLogging: true,
    undici: {
      connections: config.UPSTREAM_CONNECTIONS,
      pipelining: config.UPSTREAM_PIPELINING,
      headersTimeout: config.UPSTREAM_TIMEOUT_MS,
      bodyTimeout: config.UPSTREAM_TIMEOUT_MS,
    },
  };
  for (const [name, upstream] of Object.entries(upstreams) as [UpstreamName, string][]) {
    const replyOptions = replyOptionsFor(observers[name]);
    await app.register(proxy, { ...common, upstream, prefix: `/api/${name}`, replyOptions });
  }
  await app.register(proxy, {
    upstream: config.AUTH_URL,
    prefix: '/.well-known/jwks.json',
    rewritePrefix: '/.well-known/jwks.json',
    replyOptions: replyOptionsFor(observers.auth),
    ...common,
  });
}
