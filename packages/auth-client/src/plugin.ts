import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { Forbidden, TokenInvalid, Unauthenticated } from './errors.js';
import type { Identity, Role, TokenVerifier } from './verifier.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller, or null when the request carries no valid access token. */
    identity: Identity | null;
  }
}

// Why a request has no identity: a token that failed verification is answered differently
// from no token at all, but only on routes that need one (a public route ignores a stale token).
const failures = new WeakMap<FastifyRequest, unknown>();

const BEARER = /^Bearer [A-Za-z0-9_.-]{1,8192}$/;

/**
 * Fastify plugin: verifies `Authorization: Bearer <token>` on every request and sets
 * `request.identity`. Headers never carry identity otherwise. Register it on the root app.
 */
export async function authenticate(
  app: FastifyInstance,
  opts: { verifier: TokenVerifier },
): Promise<void> {
  app.decorateRequest('identity', null);
  // Callback style, answered at once when the verifier still trusts the token (the common case at
  // the edge): no promise per request.
  app.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers.authorization;
    if (header === undefined) return done();
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const known = token === '' ? undefined : opts.verifier.cached?.(token);
    if (known !== undefined) {
      request.identity = known;
      return done();
    }
    if (!BEARER.test(header)) {
      failures.set(request, new TokenInvalid());
      return done();
    }
    opts.verifier.verify(token).then(
      (identity) => {
        request.identity = identity;
        done();
      },
      (err: unknown) => {
        if (!(err instanceof TokenInvalid)) return done(err as Error);
        failures.set(request, err);
        done();
      },
    );
  });
}
// Share the decoration and hook with the parent context (what fastify-plugin does).
Object.assign(authenticate, { [Symbol.for('skip-override')]: true });

/** The caller's identity, or the 401 the route answers. */
export function identityOf(request: FastifyRequest): Identity {
  if (request.identity) return request.identity;
  const failure = failures.get(request);
  throw failure instanceof TokenInvalid ? failure : new Unauthenticated();
}

/** preHandler: 401 unless the request carries a valid access token. */
export const requireAuth = (): preHandlerAsyncHookHandler =>
  async function requireAuthHandler(request) {
    identityOf(request);
  };

/** preHandler: 401 without a valid token, 403 unless the caller has one of the roles. */
export const requireRole = (...roles: Role[]): preHandlerAsyncHookHandler =>
  async function requireRoleHandler(request) {
    const identity = identityOf(request);
    if (!identity.roles.some((role) => roles.includes(role))) throw new Forbidden();
  };
