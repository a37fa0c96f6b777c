export {
  HttpEnv,
  CommonEnv,
  ConfigError,
  loadConfig,
  PRODUCTION_SECRET_MIN_LENGTH,
  assertProductionSecrets,
  commonSecretRules,
  productionSecretProblems,
  secretProblem,
  urlPassword,
} from './config.js';
export type { HttpConfig, CommonConfig, ConfigProblem, SecretRule } from './config.js';
export { runMain } from './run-main.js';
export { AppError, AppError as DomainError, dependencyUnavailable } from './errors/app-error.js';
export type { AppErrorOptions } from './errors/app-error.js';
export { normaliseError } from './errors/normalise.js';
export type { ClassifyError, FieldError } from './errors/normalise.js';
export {
  ProblemDetails,
  problemSchema,
  toProblem,
  sendProblem,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
} from './errors/problem.js';
export type { ProblemReply } from './errors/problem.js';
export { buildService } from './app.js';
export type { ServiceOptions, KavoshApp } from './app.js';
export type { Dependencies, HealthCheck, ReadinessCheck, Readiness } from './plugins/health.js';
export { startServer } from './server.js';
export { createLogger, redactUrl, traceparentOf } from './logging.js';
export { activeTraceparent, activeTraceFields, flushTraces } from './telemetry.js';
export type { TraceFields } from './telemetry.js';
export { TEXT_FORMAT, TEXT_PATTERN, HEADER_VALUE_PATTERN } from './text-patterns.js';
