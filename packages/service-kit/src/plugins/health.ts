import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import { Gauge, type Registry } from 'prom-client';
import { AppError } from '../errors/app-error.js';
import { sendProblem } from '../errors/problem.js';

/** Throws (or rejects) when the dependency it checks is not usable. */
export type HealthCheck = () => Promise<void>;
/** A check behind GET /health/ready (the same shape as any other health check). */
export type ReadinessCheck = HealthCheck;

export interface Readiness {
  /**
   * Adds a named check that gates GET /health/ready: only what this process cannot answer any
   * request without (its database). A later add with the same name replaces it.
   */
  add(name: string, check: HealthCheck): void;
}

export interface Dependencies {
  /**
   * Adds a named check reported at GET /health/dependencies and as kavosh_dependency_up, never
   * gating readiness: what the process degrades without (broker, Redis, upstreams). A later add
   * with the same name (here or in readiness) replaces it.
   */
  add(name: string, check: HealthCheck): void;
}

export interface HealthOptions {
  readiness?: Record<string, HealthCheck>;
  dependencies?: Record<string, HealthCheck>;
  /** Where kavosh_dependency_up and kavosh_dependency_check_seconds are registered. */
  metrics: Registry;
}

export const CHECK_TIMEOUT_MS = 2_000;
const MAX_REASON_LENGTH = 120;

interface NamedCheck {
  check: HealthCheck;
  /** true: a failure makes /health/ready answer 503. */
  gatesReadiness: boolean;
}

interface CheckResult {
  name: string;
  gatesReadiness: boolean;
  /** undefined when the check passed, else a short reason. */
  reason: string | undefined;
  latencyMs: number;
}

const shuttingDownError = (): AppError =>
  new AppError({
    status: 503,
    code: 'SHUTTING_DOWN',
    title: 'Service shutting down',
    detail: 'This instance is shutting down; retry on another one.',
  });

/**
 * Liveness, readiness, dependency health and the shutdown state (app.readiness, app.dependencies,
 * app.shuttingDown, app.beginShutdown). Readiness means "this process can serve": a dependency it
 * degrades without must not take every replica out of rotation at once, so it is only reported.
 */
export function installHealth(
  app: FastifyInstance,
  opts: HealthOptions,
): { answerIfClosing(reply: FastifyReply): boolean } {
  const checks = new Map<string, NamedCheck>();
  const add = (gatesReadiness: boolean) => (name: string, check: HealthCheck) =>
    void checks.set(name, { check, gatesReadiness });
  for (const [name, check] of Object.entries(opts.readiness ?? {})) add(true)(name, check);
  for (const [name, check] of Object.entries(opts.dependencies ?? {})) add(false)(name, check);
  let shuttingDown = false;
  let closing = false;
  const notReady = changeLogger('not ready', 'ready again');
  const depsDown = changeLogger('dependencies down', 'dependencies up again');

  const runAll = async (which: (c: NamedCheck) => boolean): Promise<CheckResult[]> => {
    const selected = [...checks].filter(([, c]) => which(c));
    return Promise.all(
      selected.map(async ([name, { check, gatesReadiness }]) => {
        const started = performance.now();
        const reason = await runCheck(check);
        const latencyMs = Math.round((performance.now() - started) * 10) / 10;
        return { name, gatesReadiness, reason, latencyMs };
      }),
    );
  };

  // Refreshed on each scrape: alerts read the state at most one scrape interval old. The registry
  // collects both gauges at once, so they share one run of the checks.
  let refreshing: Promise<void> | null = null;
  const refresh = (): Promise<void> =>
    (refreshing ??= runAll(() => true)
      .then((results) => {
        up.reset();
        latency.reset();
        for (const { name, reason, latencyMs } of results) {
          up.set({ dependency: name }, reason === undefined ? 1 : 0);
          latency.set({ dependency: name }, latencyMs / 1000);
        }
      })
      .finally(() => {
        refreshing = null;
      }));
  const up = new Gauge({
    name: 'kavosh_dependency_up',
    help: '1 when the dependency answered its last health check (run at each scrape), else 0',
    labelNames: ['dependency'],
    registers: [opts.metrics],
    collect: refresh,
  });
  const latency = new Gauge({
    name: 'kavosh_dependency_check_seconds',
    help: 'How long the last health check of each dependency took',
    labelNames: ['dependency'],
    registers: [opts.metrics],
    collect: refresh,
  });

  app.decorate('readiness', { add: add(true) } satisfies Readiness);
  app.decorate('dependencies', { add: add(false) } satisfies Dependencies);
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
    const results = await runAll((c) => c.gatesReadiness);
    const report: Record<string, string> = {};
    const reasons: Record<string, string> = {};
    const failed: string[] = [];
    for (const { name, reason } of results) {
      // The reason (an address, a driver message) goes to the log only: the gateway's health
      // routes are on its public port, and nobody outside needs to learn the network from them.
      report[name] = reason === undefined ? 'ok' : 'fail';
      if (reason !== undefined) {
        failed.push(name);
        reasons[name] = reason;
      }
    }
    // Probes run every few seconds: log when the set of failing checks changes, not each time.
    notReady(req.log, failed, { checks: report, reasons });
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

  // Always 200 while the process answers: a probe or balancer pointed here by mistake must not
  // take replicas out over a dependency; the body (and kavosh_dependency_up) says what is down.
  app.get('/health/dependencies', { schema: { hide: true } }, async (req) => {
    const results = await runAll(() => true);
    const dependencies: Record<string, DependencyState> = {};
    const down: string[] = [];
    const reasons: Record<string, string> = {};
    for (const { name, gatesReadiness, reason, latencyMs } of results) {
      dependencies[name] = {
        state: reason === undefined ? 'up' : 'down',
        latencyMs,
        readiness: gatesReadiness,
      };
      if (reason !== undefined) {
        down.push(name);
        reasons[name] = reason;
      }
    }
    depsDown(req.log, down, { dependencies, reasons });
    return { status: down.length === 0 ? 'ok' : 'degraded', down, dependencies };
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

interface DependencyState {
  state: 'up' | 'down';
  latencyMs: number;
  /** true when this check also gates /health/ready. */
  readiness: boolean;
}

/** Logs when the set of failing names changes (a warning) or empties (info), not on every call. */
function changeLogger(downMessage: string, upMessage: string) {
  let last = '';
  return (log: FastifyBaseLogger, failed: string[], details: object): void => {
    const key = failed.join(',');
    if (key === last) return;
    if (failed.length > 0) log.warn(details, downMessage);
    else log.info(details, upMessage);
    last = key;
  };
}

/** Runs one check with a timeout; undefined when it passed, else a short reason. */
async function runCheck(check: HealthCheck): Promise<string | undefined> {
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
