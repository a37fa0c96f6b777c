import type { FastifyInstance, FastifyReply } from 'fastify';
import { redactUrl } from '../logging.js';
import { nameServerSpan } from '../telemetry.js';
import type { ObserveRequest } from './metrics.js';

// Probes and scrapes hit these every few seconds: their access lines go to debug.
export const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * The kit's per-request hooks, one of each kind (every extra hook costs on every request): echo the
 * request id, refuse work once closing, then one access line and one metric per request.
 */
export function installAccessLog(
  app: FastifyInstance,
  opts: { observe: ObserveRequest; answerIfClosing(reply: FastifyReply): boolean },
): void {
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    const route = req.is404 ? 'unmatched' : (req.routeOptions.url ?? 'unmatched');
    nameServerSpan(req.method, route, req.id);
    if (!opts.answerIfClosing(reply)) done();
  });

  app.addHook('onResponse', (req, reply, done) => {
    // The route template (or 'unmatched'), never the raw URL, keeps label cardinality bounded.
    const route = req.is404 ? 'unmatched' : (req.routeOptions.url ?? 'unmatched');
    opts.observe(req.method, route, reply.statusCode, reply.elapsedTime);
    const line = {
      method: req.method,
      route,
      url: redactUrl(req.url),
      status_code: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (QUIET_ROUTES.has(route)) req.log.debug(line, 'request completed');
    else req.log.info(line, 'request completed');
    done();
  });
}
