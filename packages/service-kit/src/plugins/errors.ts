import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { normaliseError, type ClassifyError } from '../errors/normalise.js';
import { sendProblem } from '../errors/problem.js';

/** Every error and unknown route is answered as application/problem+json and logged once. */
export function installErrorHandling(app: FastifyInstance, classify?: ClassifyError): void {
  app.setErrorHandler((err, req, reply) => {
    const problem = normaliseError(err, classify);
    if (problem.status >= 500) {
      // The original error (with stack, SQL, cause) goes to the log only.
      req.log.error({ err, code: problem.code, status: problem.status }, 'request failed');
    } else {
      req.log.info(
        { code: problem.code, status: problem.status, detail: problem.detail },
        'request rejected',
      );
    }
    return sendProblem(reply, problem);
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    return sendProblem(
      reply,
      new AppError({
        status: 404,
        code: 'ROUTE_NOT_FOUND',
        title: 'Route not found',
        detail: `No route matches ${req.method} ${path}`,
      }),
    );
  });
}
