import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { activeTraceFields } from '@kavosh/service-kit';

const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * Per request, after authentication: the caller's user id joins the request's log bindings (so the
 * kit's access line names it), and a request without a valid W3C traceparent gets a new one, which
 * the proxy forwards, so the services' lines and events share the trace.
 */
export function installRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const bindings: Record<string, string> = {};
    if (request.identity) bindings.user_id = request.identity.userId;
    const incoming = request.headers.traceparent;
    // With tracing on, the server span is the trace: the kit has bound its ids and the HTTP client
    // instrumentation sends it upstream, so a made-up traceparent would only contradict it.
    const traced = activeTraceFields() !== undefined;
    if (!traced && (typeof incoming !== 'string' || !TRACEPARENT.test(incoming))) {
      // randomUUID draws from a cached entropy pool (randomBytes is a call into OpenSSL each time).
      const traceId = randomUUID().replaceAll('-', '');
      const spanId = randomUUID().slice(19).replace('-', '');
      // request.headers is the raw request's: the proxy forwards what is set here.
      request.headers.traceparent = `00-${traceId}-${spanId}-01`;
      bindings.trace_id = traceId;
      bindings.span_id = spanId;
    }
    // setBindings changes this request's child logger only, cheaper than a child of it.
    if (bindings.user_id !== undefined || bindings.trace_id !== undefined) {
      (request.log as unknown as Logger).setBindings(bindings);
    }
    done();
  });
}
