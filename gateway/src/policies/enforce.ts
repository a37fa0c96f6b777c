import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import {
  accessCheck,
  partnerScopeOf,
  PartnerScopeForbidden,
  SIGNED_SCOPES,
  type Access,
} from '@kavosh/auth-client';
import { requireSignature } from '../partners/plugin.js';
import { AppError, sendProblem } from '@kavosh/service-kit';
import type { UpstreamDocs } from '../openapi/upstream-docs.js';
import { canonicalPath } from './canonical-path.js';
import type { Decision, EdgePolicies } from './edge-policies.js';

const pathNotCanonical = (detail: string) =>
  new AppError({ status: 400, code: 'PATH_NOT_ALLOWED', title: 'Path not allowed', detail });

// The same answer as a route no process has: the edge does not say that a route exists behind it
// (internal endpoints such as /health, /metrics and /openapi.json of a service are never declared).
const routeNotFound = (request: FastifyRequest) =>
  new AppError({
    status: 404,
    code: 'ROUTE_NOT_FOUND',
    title: 'Route not found',
    detail: `No route matches ${request.method} ${request.url.split('?')[0] ?? '/'}`,
  });

const upstreamUnavailable = () =>
  new AppError({
    status: 503,
    code: 'UPSTREAM_UNAVAILABLE',
    title: 'Upstream unavailable',
    detail: 'The service behind this route cannot be reached; retry later.',
  });

const pathOf = (url: string): string => {
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
};

/**
 * First of the gateway's request hooks: a target that is not in canonical form (canonical-path.ts)
 * is refused before authentication, the rate limit or the policy see it, so all of them, and the
 * upstream, read the same path.
 */
export function requireCanonicalPaths(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const canonical = canonicalPath(request.url);
    if ('refused' in canonical) return void sendProblem(reply, pathNotCanonical(canonical.refused));
    done();
  });
}

type Check = ReturnType<typeof accessCheck>;

// One check per distinct rule, made once (keyed by value: every refresh of the declarations
// brings new objects for the same rules), and found per request by the rule object itself, so a
// request does not serialise its rule to find its check.
const checks = new Map<string, Check>();
const checksByRule = new WeakMap<object, Check>();
const checkOf = (access: Access): Check => {
  const rule = typeof access === 'object' ? access : undefined;
  if (rule !== undefined && checksByRule.has(rule)) return checksByRule.get(rule);
  const key = typeof access === 'string' ? access : JSON.stringify(access);
  if (!checks.has(key)) checks.set(key, accessCheck(access));
  const check = checks.get(key);
  if (rule !== undefined) checksByRule.set(rule, check);
  return check;
};

/**
 * Decides every request under /api/ and /.well-known/ by what the owning service declared
 * (edge-policies.ts), after `authenticate` has run: an undeclared route is 404, a route of a
 * service whose declarations are not loaded yet is fetched on demand, then 503 if still missing.
 */
export function enforcePolicies(
  app: FastifyInstance,
  opts: { policies: EdgePolicies; docs: UpstreamDocs },
): void {
  const { policies, docs } = opts;
  let version = -1;
  const sync = () => {
    if (docs.version() === version) return;
    version = docs.version();
    policies.update(docs.snapshot());
  };
  sync();

  const decide = (
    request: FastifyRequest,
    reply: FastifyReply,
    done: HookHandlerDoneFunction,
    decision: Decision,
  ): void => {
    if (decision === 'undeclared') return done(routeNotFound(request));
    if (decision === 'unavailable') return done(upstreamUnavailable());
    if (request.partner) {
      // A partner key opens only the routes that declare its scope; some must be signed.
      const scope = partnerScopeOf(decision);
      if (scope === undefined) return done(new PartnerScopeForbidden());
      if (SIGNED_SCOPES.has(scope)) requireSignature(request);
    }
    const check = checkOf(decision);
    if (check === undefined) return done();
    check.call(app, request, reply, done);
  };

  // Callback style and no closure per request: the common case is synchronous, and an async hook
  // costs a promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    const url = request.url;
    if (!url.startsWith('/api/') && !url.startsWith('/.well-known/')) return done();
    sync();
    const decision = policies.decide(request.method, pathOf(url));
    if (decision !== 'unavailable') return decide(request, reply, done, decision);
    // A service that started after the gateway is routable from its first request.
    docs.refreshStale().then(
      () => {
        sync();
        decide(request, reply, done, policies.decide(request.method, pathOf(url)));
      },
      (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
    );
  });
}
