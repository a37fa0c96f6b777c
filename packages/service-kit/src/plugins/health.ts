import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { sendProblem } from '../errors/problem.js';

/** Throws (or rejects) when the dependency it checks is not usable. */
export type ReadinessCheck = () => Promise<void>;

export interface Readiness {
  /** Adds a named check to GET /health/ready; a later add with the same name replaces it. */
  add(name: string, check: ReadinessCheck): void;
}

export const CHECK_TIMEOUT_MS = 2_000;
const MAX_REASON_LENGTH = 120;

const shuttingDownError = (): AppError =>
  new AppError({
    status: 503,
    code: 'SHUTTING_DOWN',
    title: 'Service shutting down',
    detail: 'This instance is shutting down; retry on another one.',
  });

/** Liveness, readiness and the shutdown state (app.readiness, app.shuttingDown, app.beginShutdown). */
export function installHealth(
  app: FastifyInstance,
  initial: Record<string, ReadinessCheck> = {},
): { answerIfClosing(reply: FastifyReply): boolean } {
  const checks = new Map(Object.entries(initial));
  let shuttingDown = false;
  let closing = false;
  let lastFailed = '';

  app.decorate('readiness', {
    add: (name: string, check: ReadinessCheck) => void checks.set(name, check),
  });
  app.decorate('shuttingDown', {
    getter: () => shuttingDown,
  });
  app.decorate('beginShutdown', () => {
    shuttingDown = true;
  });

  app.addHook('preClose', (done) => {
    shuttingDown = true;
    closing = true;
    done();
  });

  // From the start of the drain, answers end their kept-alive connection: a client's pool (the
  // gateway's, behind a per-connection balancer like kube-proxy) reconnects, to a ready replica,
  // while this one still serves. Else those connections stay until close(), which drops the idle
  // ones under a request the client is sending (a 502 at the gateway). It also lets close()
  // complete when in-flight work does.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (shuttingDown) reply.header('connection', 'close');
    done(null, payload);
  });

  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/health/ready', { schema: { hide: true } }, async (req, reply) => {
    if (shuttingDown) return sendProblem(reply, shuttingDownError());
    const names = [...checks.keys()];
    const results = await Promise.all([...checks.values()].map((check) => runCheck(check)));
    const report: Record<string, string> = {};
    const failed: string[] = [];
    names.forEach((name, i) => {
      const reason = results[i];
      report[name] = reason === undefined ? 'ok' : `fail: ${reason}`;
      if (reason !== undefined) failed.push(name);
    });
    // Probes run every few seconds: log when the set of failing checks changes, not each time.
    const failedKey = failed.join(',');
    if (failedKey !== lastFailed) {
      if (failed.length > 0) req.log.warn({ checks: report }, 'not ready');
      else req.log.info({ checks: report }, 'ready again');
      lastFailed = failedKey;
    }
    if (failed.length === 0) return { status: 'ok', checks: report };
    return sendProblem(
      reply,
      new AppError({
        status: 503,
        code: 'NOT_READY',
        title: 'Service not ready',
        detail: `Failing readiness checks: ${failed.join(', ')}`,
        extra: { checks: report },
      }),
    );
  });
  return {
    // Once close() has begun, requests arriving on kept-alive connections get a problem body
    // (Fastify's own return503OnClosing answer is plain JSON, so it is turned off).
    answerIfClosing(reply) {
      if (!closing) return false;
      reply.header('connection', 'close');
      sendProblem(reply, shuttingDownError());
      return true;
    },
  };
}

/** Runs one check with a timeout; undefined when it passed, else a short reason. */
async function runCheck(check: ReadinessCheck): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timed out after ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(check)
        .then(
          () => undefined,
          (err: unknown) => shortReason(err),
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function shortReason(err: unknown): string {
  const message = err instanceof Error ? err.message || err.name : String(err);
  const firstLine = message.split('\n')[0] ?? '';
  return firstLine.length > MAX_REASON_LENGTH
    ? `${firstLine.slice(0, MAX_REASON_LENGTH)}…`
    : firstLine;
}
