import type { IncomingHttpHeaders } from 'node:http';
import proxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, sendProblem } from '@kavosh/service-kit';
import type { GatewayConfig } from '../config.js';
import { upstreamUrls } from '../upstreams.js';

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
  for (const [name, value] of Object.entries(headers)) {
    if (!STRIPPED.test(name)) out[name] = value;
  }
  out['x-forwarded-for'] = request.ip;
  out['x-forwarded-proto'] = request.protocol;
  if (request.host) out['x-forwarded-host'] = request.host;
  out['x-request-id'] = request.id;
  return out;
}

function answerUpstreamError(reply: UpstreamReply, error: Error & { code?: string }): void {
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

/** `/api/<service>/*` to each service (prefix removed), and the JWKS to auth. */
export async function proxyRoutes(app: FastifyInstance, config: GatewayConfig): Promise<void> {
  const replyOptions: ReplyOptions = {
    rewriteRequestHeaders: (request, headers) => forwardedHeaders(request, headers),
    onError: (reply, { error }) => answerUpstreamError(reply, error),
  };
  const undici = {
    connections: config.UPSTREAM_CONNECTIONS,
    pipelining: 1,
    headersTimeout: config.UPSTREAM_TIMEOUT_MS,
    bodyTimeout: config.UPSTREAM_TIMEOUT_MS,
  };
  for (const [name, upstream] of Object.entries(upstreamUrls(config))) {
    await app.register(proxy, { upstream, prefix: `/api/${name}`, replyOptions, undici });
  }
  await app.register(proxy, {
    upstream: config.AUTH_URL,
    prefix: '/.well-known/jwks.json',
    rewritePrefix: '/.well-known/jwks.json',
    replyOptions,
    undici,
  });
}
