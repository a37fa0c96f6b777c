import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'undici';
import { AppError, sendProblem } from '@kavosh/service-kit';
import type { GatewayConfig } from '../config.js';
import { upstreamMetrics, type UpstreamObserver } from '../observability/upstream-metrics.js';
import { bodyLimitExceeded, bodyTooLarge } from '../security/plugin.js';
import { upstreamTimeouts, upstreamUrls, type UpstreamName } from '../upstreams.js';
import { createPool, forward, upstreamPath, type ForwardHooks, type Upstream } from './forward.js';

// Identity and internal headers are set by Kavosh, never by a client; forwarding headers are
// rebuilt from what this gateway saw (its trust-proxy hop count decides req.ip).
const STRIPPED = /^(x-user-|x-internal-|x-forwarded-|x-real-ip$|forwarded$)/;

export function forwardedHeaders(
  request: Pick<FastifyRequest, 'ip' | 'protocol' | 'host' | 'id'>,
  headers: IncomingHttpHeaders,
): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  // A new object: the client's request headers stay as they came (the access log, the hooks).
  for (const name in headers) {
    if (!STRIPPED.test(name)) out[name] = headers[name];
  }
  out['x-forwarded-for'] = request.ip;
  out['x-forwarded-proto'] = request.protocol;
  if (request.host) out['x-forwarded-host'] = request.host;
  out['x-request-id'] = request.id;
  return out;
}

function answerUpstreamError(reply: FastifyReply, error: Error & { code?: string }): void {
  // A chunked body cut off at the limit fails the upstream call: that is the client's 413.
  const exceeded = bodyLimitExceeded(reply.request);
  if (exceeded !== undefined) {
    sendProblem(reply, bodyTooLarge(exceeded));
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

const METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'];

/** Forwarding headers, metrics and problem+json failures for one upstream. */
const hooksFor = (observer: UpstreamObserver): ForwardHooks => ({
  requestHeaders: (request) => forwardedHeaders(request, request.headers),
  answered: (status, seconds) => observer.answered(status, seconds),
  failed: (reply, error, seconds) => {
    observer.failed(seconds);
    answerUpstreamError(reply, error);
  },
});

/**
 * `/api/<service>` and everything under it to each service (prefix removed), and the JWKS to auth,
 * through undici pools (docs/gateway.md says why not @fastify/http-proxy). Bodies are not parsed
 * here: they stream to the upstream as they come.
 */
export async function proxyRoutes(app: FastifyInstance, config: GatewayConfig): Promise<void> {
  const urls = upstreamUrls(config);
  const timeouts = upstreamTimeouts(config);
  const observers = upstreamMetrics(app, Object.keys(urls) as UpstreamName[]);
  // One keep-alive pool per upstream, with that upstream's timeout (the JWKS shares auth's).
  const pools = {} as Record<UpstreamName, Pool>;
  for (const [name, url] of Object.entries(urls) as [UpstreamName, string][]) {
    pools[name] = createPool(url, {
      connections: config.UPSTREAM_CONNECTIONS,
      pipelining: config.UPSTREAM_PIPELINING,
      timeoutMs: timeouts[name],
    });
  }
  const routes: { upstream: Upstream; hooks: ForwardHooks; urls: string[] }[] = [];
  for (const name of Object.keys(urls) as UpstreamName[]) {
    const upstream = { pool: pools[name], prefix: `/api/${name}`, rewritePrefix: '' };
    routes.push({
      upstream,
      hooks: hooksFor(observers[name]),
      urls: [upstream.prefix, `${upstream.prefix}/*`],
    });
  }
  const jwks = '/.well-known/jwks.json';
  routes.push({
    upstream: { pool: pools.auth, prefix: jwks, rewritePrefix: jwks },
    hooks: hooksFor(observers.auth),
    urls: [jwks],
  });

  await app.register(async (scope) => {
    // The body is the request stream itself (after the security plugin's size limit).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    for (const { upstream, hooks, urls: routeUrls } of routes) {
      for (const url of routeUrls) {
        scope.route({
          method: METHODS,
          url,
          schema: { hide: true },
          // Not async, returns nothing: Fastify then waits for the forwarder to answer.
          handler(request, reply) {
            const path = upstreamPath(request.url, upstream);
            if (path === undefined) reply.callNotFound();
            else forward(request, reply, upstream, path, hooks);
          },
        });
      }
    }
  });
  app.addHook('onClose', async () => {
    await Promise.all(Object.values(pools).map((pool) => pool.close()));
  });
}
