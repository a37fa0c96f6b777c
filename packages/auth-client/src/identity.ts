import type { FastifyRequest } from 'fastify';
import { TokenInvalid, Unauthenticated } from './errors.js';
import type { Identity } from './verifier.js';

// Why a request has no identity: a token that failed verification is answered differently
// from no token at all, but only on routes that need one (a public route ignores a stale token).
export const failures = new WeakMap<FastifyRequest, unknown>();

/** The caller's identity, or the 401 the route answers. */
export function identityOf(request: FastifyRequest): Identity {
  if (request.identity) return request.identity;
  const failure = failures.get(request);
  throw failure instanceof TokenInvalid ? failure : new Unauthenticated();
}
