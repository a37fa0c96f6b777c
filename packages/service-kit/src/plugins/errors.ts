import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { normaliseError, type ClassifyError } from '../errors/normalise.js';
import { sendProblem, type ProblemReply } from '../errors/problem.js';

/** Answers any error as application/problem+json and logs it once: 5xx with the full error. */
export function answerError(
  err: unknown,
  req: { log: FastifyBaseLogger },
  reply: ProblemReply,
  classify?: ClassifyError,
): void {
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
  sendProblem(reply, problem);
}

/** Every error and unknown route is answered as application/problem+json. */
export function installErrorHandling(app: FastifyInstance, classify?: ClassifyError): void {
  app.setErrorHandler((err, req, reply) => {
    answerError(err, req, reply, classify);
    return reply;
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
