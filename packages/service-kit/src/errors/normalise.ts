import { STATUS_CODES } from 'node:http';
import { AppError } from './app-error.js';

export type ClassifyError = (err: unknown) => AppError | undefined;

export interface FieldError {
  field: string;
  message: string;
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string | undefined;
}

const INTERNAL_DETAIL = 'An unexpected error occurred. Quote the requestId when reporting it.';

// Fastify's own 4xx errors, by code, with the stable code we answer them with.
const FASTIFY_CODES: Record<string, { code: string; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', title: 'Invalid JSON body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', title: 'Invalid JSON body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', title: 'Request body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    title: 'Unsupported media type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'INVALID_CONTENT_LENGTH',
    title: 'Invalid content length',
  },
  FST_ERR_BAD_URL: { code: 'INVALID_URL', title: 'Invalid URL' },
};

// Any other 4xx gets a code from its status, so clients never see an unstable one.
const STATUS_CODE_NAMES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  410: 'GONE',
  411: 'LENGTH_REQUIRED',
  412: 'PRECONDITION_FAILED',
  413: 'BODY_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  428: 'PRECONDITION_REQUIRED',
  429: 'TOO_MANY_REQUESTS',
  431: 'HEADERS_TOO_LARGE',
};

/** Turns any throwable into the AppError the client sees; unknown errors become 500 INTERNAL_ERROR. */
export function normaliseError(err: unknown, classify?: ClassifyError): AppError {
  if (err instanceof AppError) return err;
  const classified = classify?.(err);
  if (classified) return classified;
  if (!(err instanceof Error)) return internalError(err);

  const validation = validationIssues(err);
  if (validation) {
    const context = stringProperty(err, 'validationContext') ?? 'body';
    const errors = fieldErrors(context, validation);
    return new AppError({
      status: 400,
      code: 'VALIDATION_FAILED',
      title: 'Request validation failed',
      detail: `Invalid ${errors.map((e) => e.field).join(', ')}`,
      extra: { errors },
      cause: err,
    });
  }

  const status = Reflect.get(err, 'statusCode');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = FASTIFY_CODES[stringProperty(err, 'code') ?? ''];
    return new AppError({
      status,
      code: known?.code ?? STATUS_CODE_NAMES[status] ?? 'CLIENT_ERROR',
      title: known?.title ?? STATUS_CODES[status] ?? 'Client error',
      // 4xx messages describe the request (Fastify's and http-errors' convention), not internals.
      detail: err.message,
      cause: err,
    });
  }
  return internalError(err);
}

function internalError(cause: unknown): AppError {
  return new AppError({
    status: 500,
    code: 'INTERNAL_ERROR',
    title: 'Internal server error',
    detail: INTERNAL_DETAIL,
    cause,
  });
}

/** Lists each failing field as a JSON pointer by request part: /body/title, /querystring/limit. */
export function fieldErrors(context: string, issues: ValidationIssue[]): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const issue of issues) {
    let field = `/${context}${issue.instancePath}`;
    let message = issue.message ?? 'is invalid';
    const missing = issue.params.missingProperty;
    const additional = issue.params.additionalProperty;
    if (issue.keyword === 'required' && typeof missing === 'string') {
      field = `${field}/${escapePointer(missing)}`;
      message = 'is required';
    } else if (issue.keyword === 'additionalProperties' && typeof additional === 'string') {
      field = `${field}/${escapePointer(additional)}`;
      message = 'is not allowed';
    }
    const key = `${field}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push({ field, message });
    }
  }
  return result;
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function validationIssues(err: Error): ValidationIssue[] | undefined {
  const validation: unknown = Reflect.get(err, 'validation');
  if (!Array.isArray(validation)) return undefined;
  return validation.filter(isIssue);
}

function isIssue(value: unknown): value is ValidationIssue {
  if (typeof value !== 'object' || value === null) return false;
  const params: unknown = Reflect.get(value, 'params');
  return (
    typeof Reflect.get(value, 'keyword') === 'string' &&
    typeof Reflect.get(value, 'instancePath') === 'string' &&
    typeof params === 'object' &&
    params !== null
  );
}

function stringProperty(err: Error, name: string): string | undefined {
  const value: unknown = Reflect.get(err, name);
  return typeof value === 'string' ? value : undefined;
}
