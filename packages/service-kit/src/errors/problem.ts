import { Type, type Static } from 'typebox';
import type { AppError } from './app-error.js';
import { TEXT_PATTERN } from '../text-patterns.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://kavosh.dev/problems/';

// Bounds for the OpenAPI document (answers are serialized, not validated): what the kit writes.
const problemProperties = {
  type: Type.String({
    format: 'uri',
    maxLength: 200,
    description: `${PROBLEM_TYPE_BASE}<code in kebab-case>`,
  }),
  title: Type.String({ maxLength: 200, pattern: TEXT_PATTERN }),
  status: Type.Integer({ format: 'int32', minimum: 400, maximum: 599 }),
  // A detail may quote the request line, which Node caps at 16 KiB with the headers.
  detail: Type.String({ maxLength: 16_384, pattern: TEXT_PATTERN }),
  code: Type.String({
    maxLength: 64,
    pattern: '^[A-Z][A-Z0-9_]*$',
    description: 'Stable UPPER_SNAKE error code',
  }),
  requestId: Type.String({ maxLength: 128, pattern: '^[\\x21-\\x7e]+$' }),
  instance: Type.Optional(Type.String({ format: 'uri-reference', maxLength: 16_384 })),
  errors: Type.Optional(
    Type.Array(
      Type.Object(
        { field: Type.String(), message: Type.String() },
        { additionalProperties: false },
      ),
    ),
  ),
};
/** RFC 9457 body of every error answer; extra members (errors, checks) are allowed. */
export const ProblemDetails = Type.Object(problemProperties, { additionalProperties: true });
export type ProblemDetails = Static<typeof ProblemDetails>;

/** ProblemDetails for a route's response schema, optionally with a description of when it happens. */
export function problemSchema(description?: string): typeof ProblemDetails {
  return description === undefined
    ? ProblemDetails
    : Type.Object(problemProperties, { additionalProperties: true, description });
}

/** The problem body for an AppError answered under `requestId`. */
export function toProblem(error: AppError, requestId: string): ProblemDetails {
  return {
    ...error.extra,
    type: `${PROBLEM_TYPE_BASE}${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    detail: error.detail ?? error.title,
    code: error.code,
    requestId,
  };
}

/** The part of a Fastify reply sendProblem uses, so replies of any route type fit. */
export interface ProblemReply {
  readonly request: { readonly id: string };
  code(statusCode: number): unknown;
  header(key: string, value: string): unknown;
  type(contentType: string): unknown;
  send(payload?: unknown): unknown;
}

/** Answers the request with the problem body of `error` (status, content type, x-request-id). */
export function sendProblem<R extends ProblemReply>(reply: R, error: AppError): R {
  reply.code(error.status);
  reply.header('x-request-id', reply.request.id);
  reply.type(PROBLEM_CONTENT_TYPE);
  reply.send(toProblem(error, reply.request.id));
  return reply;
}
