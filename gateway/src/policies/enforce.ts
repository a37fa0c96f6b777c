import type { FastifyInstance } from 'fastify';
import { identityOf } from '@kavosh/auth-client';
import { AppError, sendProblem } from '@kavosh/service-kit';
import { createPolicyLookup, type Access } from './table.js';

// Encoded slashes, dots and backslashes, and dot segments, could make an upstream resolve a path
// outside the prefix the policy was decided for: such paths are refused before any upstream sees them.
const UNSAFE_PATH = /%2e|%2f|%5c|\\|\/\.\.?(?:\/|$)/i;

const pathNotAllowed = () =>
  new AppError({
    status: 400,
    code: 'PATH_NOT_ALLOWED',
    title: 'Path not allowed',
    detail: 'Encoded separators and dot segments are not accepted in paths.',
  });

/** Whether the caller (already authenticated or not) may pass; throws 401/403 AppErrors. */
function assertAllowed(access: Access, request: Parameters<typeof identityOf>[0]): void {
  if (access === 'public') return;
  const identity = identityOf(request);
  if (access === 'authenticated') return;
  if (!identity.roles.some((role) => access.roles.includes(role))) {
    throw new AppError({
      status: 403,
      code: 'FORBIDDEN',
      title: 'Forbidden',
      detail: 'Your role does not allow this request.',
    });
  }
}

/** Decides every proxied request by the policy table, after `authenticate` has run. */
export function enforcePolicies(app: FastifyInstance, lookup = createPolicyLookup()): void {
  // Callback style: the check is synchronous, and an async hook costs a promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    const url = request.url;
    if (!url.startsWith('/api/') && !url.startsWith('/.well-known/')) return done();
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    if (UNSAFE_PATH.test(path)) return void sendProblem(reply, pathNotAllowed());
    try {
      assertAllowed(lookup(request.method, path), request);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
}
