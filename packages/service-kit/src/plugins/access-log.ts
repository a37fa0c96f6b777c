import type { FastifyInstance } from 'fastify';
import { redactUrl } from '../logging.js';

// Probes and scrapes hit these every few seconds: their access lines go to debug.
export const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** Echoes the request id and writes one access line per request. */
export function installAccessLog(app: FastifyInstance): void {
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.is404 ? 'unmatched' : (req.routeOptions.url ?? 'unmatched');
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
