import { isJson, type Json, type OpenApiDocument } from './merge.js';

/**
 * What the gateway itself adds to every answer it publishes, so the merged document says what a
 * client really gets: errors as problem+json, the RateLimit headers of the rate-limited paths,
 * and the answers the edge gives on any route (401 for a refused credential, 429, 400, 500).
 */

const PROBLEM = 'application/problem+json';
const problemRef = { $ref: '#/components/schemas/gateway.Problem' };
// Header components keep their HTTP names: a header object is keyed by the header's name.
const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

/**
 * The headers the rate limiter sets on every answer it counted (gateway/src/rate-limits), and the
 * CORS header an allow-listed origin gets (gateway/src/security).
 */
const EDGE_HEADERS = {
  'RateLimit-Limit': header('RateLimit-Limit'),
  'RateLimit-Remaining': header('RateLimit-Remaining'),
  'RateLimit-Reset': header('RateLimit-Reset'),
  'Access-Control-Allow-Origin': header('Access-Control-Allow-Origin'),
};
const RETRY_AFTER = { 'Retry-After': header('Retry-After') };

// Present on the answers the rate limiter counted (a request refused before it, e.g. for a bad
// partner key, has none): documented, not required.
const seconds = (description: string) => ({
  description,
  schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 },
});

const problemAnswer = (description: string, headers?: Json) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { [PROBLEM]: { schema: problemRef } },
});

/** Components the answers below refer to. */
export const EDGE_COMPONENTS: NonNullable<OpenApiDocument['components']> = {
  schemas: {
    'gateway.Problem': {
      type: 'object',
      description: 'RFC 9457 problem details, as every Kavosh process answers errors',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string', format: 'uri', maxLength: 200 },
        title: { type: 'string', maxLength: 200 },
        status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
        // A detail may quote the request line, which Node caps at 16 KiB with the headers.
        detail: { type: 'string', maxLength: 16_384 },
        code: {
          type: 'string',
          description: 'Stable UPPER_SNAKE error code',
          maxLength: 64,
          pattern: '^[A-Z][A-Z0-9_]*$',
        },
        requestId: { type: 'string', maxLength: 128, pattern: '^[\\x21-\\x7e]+$' },
      },
    },
  },
  headers: {
    'RateLimit-Limit': seconds('Requests allowed in the current window'),
    'RateLimit-Remaining': seconds('Requests left in the current window'),
    'RateLimit-Reset': seconds('Seconds until the window starts again'),
    'Retry-After': seconds('Seconds to wait before the next request'),
    'Access-Control-Allow-Origin': {
      description:
        "The caller's origin, when it is on the gateway's CORS allow-list (CORS_ORIGINS); absent " +
        'otherwise, so a browser refuses the answer',
      schema: { type: 'string', format: 'uri', maxLength: 2_048 },
    },
  },
  responses: {
    'gateway.BadRequest': problemAnswer(
      'The request was refused before it reached its route: a path not in canonical form ' +
        '(PATH_NOT_ALLOWED), two credentials (CREDENTIALS_AMBIGUOUS), or invalid input ' +
        '(VALIDATION_FAILED and the like)',
      EDGE_HEADERS,
    ),
    'gateway.Unauthorized': problemAnswer(
      'A credential was refused: no or an invalid access token where one is required ' +
        '(UNAUTHENTICATED, TOKEN_INVALID), or a partner key or signature that does not verify ' +
        '(PARTNER_KEY_INVALID, SIGNATURE_INVALID)',
      EDGE_HEADERS,
    ),
    'gateway.TooManyRequests': problemAnswer(
      'RATE_LIMITED: the caller used up its requests for this window',
      { ...EDGE_HEADERS, ...RETRY_AFTER },
    ),
    'gateway.InternalError': problemAnswer(
      'INTERNAL: an unexpected failure; the body names nothing internal, the requestId finds ' +
        'it in the logs',
    ),
  },
};

/** The gateway counts every request under these prefixes against a rate policy. */
const isRateLimited = (path: string): boolean =>
  path.startsWith('/api/') || path.startsWith('/.well-known/');

const isError = (status: string): boolean => /^[45]/.test(status);
const isCounted = (status: string): boolean => /^[24]/.test(status);

/** A service's answer as the edge serves it: problem+json for an error, RateLimit headers. */
function servedAnswer(status: string, answer: unknown, limited: boolean): unknown {
  if (!isJson(answer) || '$ref' in answer) return answer;
  const out: Json = { ...answer };
  // The kit answers every error as problem+json; @fastify/swagger labels it application/json.
  if (isError(status) && isJson(out.content) && 'application/json' in out.content) {
    const { 'application/json': media, ...rest } = out.content;
    out.content = { [PROBLEM]: media, ...rest };
  }
  if (limited && isCounted(status)) {
    out.headers = {
      ...(isJson(out.headers) ? out.headers : {}),
      ...EDGE_HEADERS,
      ...(status === '429' ? RETRY_AFTER : {}),
    };
  }
  return out;
}

/**
 * One operation's answers with what the edge adds: every error as problem+json; on a rate-limited
 * path the RateLimit headers on each 2xx and 4xx, 401 (the partner key check runs on every /api/
 * route) and 429; everywhere 400 (the canonical path check) and 500.
 */
export function withEdgeAnswers(path: string, operation: Json): Json {
  const limited = isRateLimited(path);
  const own = isJson(operation.responses) ? operation.responses : {};
  const responses: Json = {};
  for (const [status, answer] of Object.entries(own)) {
    responses[status] = servedAnswer(status, answer, limited);
  }
  const ref = (name: string) => ({ $ref: `#/components/responses/gateway.${name}` });
  responses['400'] ??= ref('BadRequest');
  if (path.startsWith('/api/')) responses['401'] ??= ref('Unauthorized');
  if (limited) responses['429'] ??= ref('TooManyRequests');
  responses['500'] ??= ref('InternalError');
  return { ...operation, responses };
}
