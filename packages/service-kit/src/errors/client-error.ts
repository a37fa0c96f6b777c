import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from './app-error.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem.js';

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (a raw non-ASCII byte in the
 * path, headers over the size limit, a request line that is not HTTP): Fastify's default answer is
 * plain JSON. This answers them as every other refusal, application/problem+json with a code, and
 * closes the connection (the parser cannot go on after a broken request).
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const error =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError({
          status: 431,
          code: 'HEADERS_TOO_LARGE',
          title: 'Request headers too large',
          detail: 'The request headers are larger than the server accepts.',
        })
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AppError({
            status: 408,
            code: 'REQUEST_TIMEOUT',
            title: 'Request timeout',
            detail: 'The request did not arrive in time.',
          })
        : new AppError({
            status: 400,
            code: 'MALFORMED_REQUEST',
            title: 'Malformed request',
            detail: 'The request is not valid HTTP (its request line or headers).',
          });
  const requestId = randomUUID();
  const body = JSON.stringify(toProblem(error, requestId));
  socket.end(
    [
      `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}`,
      'connection: close',
      `content-type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
      `content-length: ${Buffer.byteLength(body)}`,
      `x-request-id: ${requestId}`,
      '',
      body,
    ].join('\r\n'),
  );
}
