export interface AppErrorOptions {
  /** HTTP status, 4xx or 5xx. */
  status: number;
  /** Stable UPPER_SNAKE code clients branch on, e.g. MOVIE_NOT_FOUND. */
  code: string;
  /** Short summary that does not change between occurrences. */
  title: string;
  /** This occurrence, safe to show to the client. */
  detail?: string;
  /** Extra members for the problem body, e.g. { errors: [...] }. */
  extra?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error type with an HTTP status; the kit answers it as application/problem+json. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(opts: AppErrorOptions) {
    super(opts.detail ?? opts.title, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.status = opts.status;
    this.code = opts.code;
    this.title = opts.title;
    this.detail = opts.detail;
    this.extra = opts.extra;
  }
}

/**
 * 503 for a dependency that does not answer (the database, the broker): the request may be
 * retried later. Code `<DEPENDENCY>_UNAVAILABLE`, e.g. DATABASE_UNAVAILABLE.
 */
export const dependencyUnavailable = (dependency: string, cause?: unknown): AppError =>
  new AppError({
    status: 503,
    code: `${dependency.toUpperCase()}_UNAVAILABLE`,
    title: 'Service temporarily unavailable',
    detail: `The ${dependency} does not answer; retry later.`,
    cause,
  });
