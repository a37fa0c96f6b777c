import type { FastifyInstance } from 'fastify';
import { declareAccess } from './access.js';
import { TokenInvalid } from './errors.js';
import { failures } from './identity.js';
import { INTERNAL_PARTNER_HEADER, parsePartnerHeader } from './partners.js';
import type { Identity, TokenVerifier } from './verifier.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller, or null when the request carries no valid access token. */
    identity: Identity | null;
  }
}

const BEARER = /^Bearer [A-Za-z0-9_.-]{1,8192}$/;

export interface AuthenticateOptions {
  verifier: TokenVerifier;
  /**
   * Whether every route registered after this plugin must declare its access (access.ts), which
   * the plugin then enforces and publishes. Default true; the gateway, whose routes are the
   * services' routes, enforces their declarations itself.
   */
  declareAccess?: boolean;
  /**
   * Whether to read the partner the gateway verified from INTERNAL_PARTNER_HEADER (partners.ts).
   * Default true (services, reached only through the gateway); false at the gateway itself, which
   * verifies partner keys on its own.
   */
  trustPartnerHeader?: boolean;
}

/**
 * Fastify plugin: verifies `Authorization: Bearer <token>` on every request and sets
 * `request.identity`. Headers never carry identity otherwise. Register it on the root app, before
 * the routes.
 */
export async function authenticate(app: FastifyInstance, opts: AuthenticateOptions): Promise<void> {
  app.decorateRequest('identity', null);
  app.decorateRequest('partner', null);
  if (opts.declareAccess !== false) app.addHook('onRoute', declareAccess);
  if (opts.trustPartnerHeader !== false) {
    app.addHook('onRequest', (request, _reply, done) => {
      const header = request.headers[INTERNAL_PARTNER_HEADER];
      if (header !== undefined) request.partner = parsePartnerHeader(header);
      done();
    });
  }
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
