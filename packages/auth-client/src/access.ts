import type { onRequestHookHandler, RouteOptions } from 'fastify';
import { Forbidden, PartnerScopeForbidden, Unauthenticated } from './errors.js';
import { identityOf } from './identity.js';
import { isPartnerScope, type PartnerScope } from './partners.js';
import { ROLES, type Role } from './verifier.js';

/**
 * Who may call a route, declared beside it (`config: { access }`). The service enforces it, and
 * publishes it as `x-kavosh-access` in its OpenAPI document, where the gateway reads the same rule.
 * - `public`: anyone; a token, when sent and valid, still identifies the caller.
 * - `authenticated`: any valid access token.
 * - `{ roles }`: a valid access token carrying one of these roles.
 * - `{ partner, user? }`: a partner key holding that scope (docs/partners.md) or, when `user` is
 *   given, a caller that rule admits: `{ user: 'public', partner: 'catalog:read' }`.
 */
export type UserAccess = 'public' | 'authenticated' | { roles: readonly Role[] };
export type Access = UserAccess | { partner: PartnerScope; user?: UserAccess };

/** The partner scope a rule accepts, if any. */
export const partnerScopeOf = (access: Access): PartnerScope | undefined =>
  typeof access === 'object' && 'partner' in access ? access.partner : undefined;

/** The OpenAPI operation extension that carries a route's Access. */
export const ACCESS_EXTENSION = 'x-kavosh-access';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route a service exposes (see declareAccess). */
    access?: Access;
  }
}

/** Whether a value (e.g. read from another process's OpenAPI document) is a well-formed Access. */
export function isAccess(value: unknown): value is Access {
  if (typeof value === 'object' && value !== null && 'partner' in value) {
    const { partner, user, ...rest } = value as { partner: unknown; user?: unknown };
    return (
      Object.keys(rest).length === 0 &&
      isPartnerScope(partner) &&
      (user === undefined || isUserAccess(user))
    );
  }
  return isUserAccess(value);
}

function isUserAccess(value: unknown): value is UserAccess {
  if (value === 'public' || value === 'authenticated') return true;
  if (typeof value !== 'object' || value === null) return false;
  const roles = (value as { roles?: unknown }).roles;
  return (
    Object.keys(value).length === 1 &&
    Array.isArray(roles) &&
    roles.length > 0 &&
    roles.every((role) => (ROLES as readonly unknown[]).includes(role))
  );
}

const requireIdentity: onRequestHookHandler = (request, _reply, done) => {
  try {
    identityOf(request);
  } catch (err) {
    return done(err as Error);
  }
  done();
};

const requireRoles =
  (roles: readonly Role[]): onRequestHookHandler =>
  (request, _reply, done) => {
    try {
      if (!identityOf(request).roles.some((role) => roles.includes(role))) throw new Forbidden();
    } catch (err) {
      return done(err as Error);
    }
    done();
  };

const userCheck = (access: UserAccess): onRequestHookHandler | undefined => {
  if (access === 'public') return undefined;
  return access === 'authenticated' ? requireIdentity : requireRoles(access.roles);
};

/** A partner with the scope passes; anyone else is checked by the user rule (none: 401). */
const partnerOrUser = (scope: PartnerScope, user: UserAccess | undefined): onRequestHookHandler =>
  function (request, reply, done) {
    const partner = request.partner;
    if (partner) {
      return partner.scopes.includes(scope) ? done() : done(new PartnerScopeForbidden());
    }
    if (user === undefined) return done(new Unauthenticated());
    const check = userCheck(user);
    if (check === undefined) return done();
    check.call(this, request, reply, done);
  };

/** The onRequest check of an Access, or undefined for a public route. */
export function accessCheck(access: Access): onRequestHookHandler | undefined {
  if (typeof access === 'object' && 'partner' in access) {
    return partnerOrUser(access.partner, access.user);
  }
  return userCheck(access);
}

/**
 * onRoute hook: every route registered after it must declare `config.access` (a route without
 * one fails at startup, so nothing is exposed by accident), gets its check as its first onRequest
 * hook (before the body is read or validated), and carries the rule in its OpenAPI operation.
 * Routes hidden from the document (health, metrics, the document itself) are internal: they are
 * never reachable through the gateway and need no declaration.
 */
export function declareAccess(route: RouteOptions): void {
  const schema = route.schema as (Record<string, unknown> & { hide?: boolean }) | undefined;
  if (schema?.hide) return;
  const access = route.config?.access;
  const name = `${String(route.method)} ${route.url}`;
  if (access === undefined) {
    throw new Error(`route ${name} declares no access: set config.access beside it`);
  }
  if (!isAccess(access)) throw new Error(`route ${name} declares an invalid access`);
  route.schema = { ...schema, [ACCESS_EXTENSION]: access } as RouteOptions['schema'];
  const check = accessCheck(access);
  if (check === undefined) return;
  const own = route.onRequest;
  route.onRequest = own === undefined ? [check] : [check, ...(Array.isArray(own) ? own : [own])];
}
