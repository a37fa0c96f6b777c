import { trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redactUrl } from '../logging.js';
import { nameServerSpan } from '../telemetry.js';
import type { ObserveRequest } from './metrics.js';

// Probes and scrapes hit these every few seconds: their access lines go to debug.
export const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

// The route template (or 'unmatched'), never the raw URL, keeps label cardinality bounded.
const routeOf = (req: FastifyRequest): string =>
  req.is404 ? 'unmatched' : (req.routeOptions.url ?? 'unmatched');

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
    // routeOptions builds a new object at each read: only a traced request reads it twice.
    const span = trace.getActiveSpan();
    if (span) nameServerSpan(span, req.method, routeOf(req), req.id);
    if (!opts.answerIfClosing(reply)) done();
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = routeOf(req);
    const ms = reply.elapsedTime;
    opts.observe(req.method, route, reply.statusCode, ms);
    const line = {
      method: req.method,
      route,
      url: redactUrl(req.url),
      status_code: reply.statusCode,
      duration_ms: Math.round(ms * 100) / 100,
    };
    if (QUIET_ROUTES.has(route)) req.log.debug(line, 'request completed');
    else req.log.info(line, 'request completed');
    done();
  });
}
