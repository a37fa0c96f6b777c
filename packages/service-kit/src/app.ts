import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawServerDefault,
} from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { HttpConfig } from './config.js';
import type { AppError } from './errors/app-error.js';
import {
  childWithTrace,
  createLogger,
  kitLoggerOptions,
  requestIdFor,
  traceContext,
} from './logging.js';
import { installAccessLog } from './plugins/access-log.js';
import { answerError, installErrorHandling } from './plugins/errors.js';
import {
  installHealth,
  type Dependencies,
  type HealthCheck,
  type Readiness,
} from './plugins/health.js';
import { installMetrics } from './plugins/metrics.js';
import { installOpenApi } from './plugins/openapi.js';
import { activeTraceFields, flushTraces } from './telemetry.js';
import { answerClientError } from './errors/client-error.js';
import { createValidatorFactory } from './validation.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Named checks behind GET /health/ready: only what this process cannot serve without. */
    readiness: Readiness;
    /** Named checks of what it degrades without: GET /health/dependencies, kavosh_dependency_up. */
    dependencies: Dependencies;
    /** This app's own Prometheus registry (GET /metrics, on METRICS_PORT when that is set). */
    metrics: Registry;
    /** True once beginShutdown() or close() has been called. */
    readonly shuttingDown: boolean;
    /** From now on readiness answers 503 SHUTTING_DOWN; traffic is still served. */
    beginShutdown(): void;
  }
}

export interface ServiceOptions {
  /** Service name, e.g. 'catalog': the OpenAPI title and the `service` field of every log line. */
  name: string;
  version: string;
  config: HttpConfig;
  /** OpenAPI info.description. */
  description?: string;
  /** Defaults to pino at config.LOG_LEVEL on stdout; redaction is added either way. */
  logger?: Logger;
  /** Checks that gate GET /health/ready (the database a service cannot answer without). */
  readiness?: Record<string, HealthCheck>;
  /** Checks only reported (GET /health/dependencies, kavosh_dependency_up): broker, Redis … */
  dependencies?: Record<string, HealthCheck>;
  /** Maps errors the kit does not know (e.g. a lost DB connection) to an AppError. */
  classifyError?: (err: unknown) => AppError | undefined;
  /** Proxies in front of this process whose X-Forwarded-For entries are trusted (req.ip). Default 0. */
  trustProxyHops?: number;
}

export type KavoshApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * Builds a Fastify app with the kit's logging, errors, validation, health, metrics and OpenAPI.
 * Not listening: register features on it, then call startServer (or app.inject in tests).
 */
export async function buildService(opts: ServiceOptions): Promise<KavoshApp> {
  const base = opts.logger ?? createLogger({ level: opts.config.LOG_LEVEL });
  // A child carries the redaction even when the caller brings its own logger.
  const logger: FastifyBaseLogger = base.child({ service: opts.name }, kitLoggerOptions);

  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: opts.config.BODY_LIMIT_BYTES,
    // A hop count, never `true`: a client cannot pick its own address by sending X-Forwarded-For.
    ...(opts.trustProxyHops
      ? { trustProxy: (_address: string, hop: number) => hop < (opts.trustProxyHops ?? 0) }
      : {}),
    genReqId: requestIdFor,
    requestIdHeader: false,
    // The kit writes its own single access line (plugins/access-log.ts) and logs errors itself.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'request_id',
    }),
    return503OnClosing: false,
    schemaController: { compilersFactory: { buildValidator: createValidatorFactory() } },
    // Errors the router raises before any route runs (bad URL encoding, over-long parameter).
    frameworkErrors: (err, req, reply) => answerError(err, req, reply, opts.classifyError),
    // Requests Node's parser refuses before Fastify sees them.
    clientErrorHandler: answerClientError,
    childLoggerFactory: (parent, bindings, childOpts, rawReq) => {
      // The server span when tracing is on; else the caller's ids from its traceparent header.
      const trace = activeTraceFields() ?? traceContext(rawReq.headers.traceparent);
      // pino builds a cheaper child when no options are given; Fastify passes {} for most routes.
      const options = Object.keys(childOpts).length > 0 ? childOpts : undefined;
      return childWithTrace(parent, bindings, trace, options);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await installOpenApi(app, {
    title: opts.name,
    version: opts.version,
    description: opts.description,
  });
  installErrorHandling(app, opts.classifyError);
  const observe = installMetrics(app, { separatePort: opts.config.METRICS_PORT !== undefined });
  const { answerIfClosing } = installHealth(app, {
    ...(opts.readiness ? { readiness: opts.readiness } : {}),
    ...(opts.dependencies ? { dependencies: opts.dependencies } : {}),
    metrics: app.metrics,
  });
  installAccessLog(app, { observe, answerIfClosing });
  // close-with-grace exits the process right after close: export the buffered spans first.
  app.addHook('onClose', flushTraces);
  return app;
}
