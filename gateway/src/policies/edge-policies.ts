import FindMyWay from 'find-my-way';
import { ACCESS_EXTENSION, isAccess, type Access } from '@kavosh/auth-client';
import { HTTP_METHODS, isJson, type OpenApiDocument } from '../openapi/merge.js';

/** Who may call one route at the edge, as the service that owns it declared it. */
export interface Policy {
  /** An HTTP method in upper case. */
  method: string;
  /** A public path in the router's syntax (`:name` is one segment, `*` the rest). */
  path: string;
  access: Access;
}

/**
 * What the edge decides for a request:
 * - an Access: the route is declared, check the caller against it;
 * - `undeclared`: no service declared this method and path (404);
 * - `unavailable`: the route belongs to an upstream whose declarations are not loaded (503).
 */
export type Decision = Access | 'undeclared' | 'unavailable';

/** The gateway's own alias of auth's JWKS: public, as the design says. */
export const GATEWAY_POLICIES: readonly Policy[] = [
  { method: 'GET', path: '/.well-known/jwks.json', access: 'public' },
];

/** OpenAPI path template → the router's syntax: `{id}` → `:id`, a wildcard `{*}` → `*`. */
export const routerPath = (openApiPath: string): string =>
  openApiPath.replace(/\{\*\}/g, '*').replace(/\{([^}]+)\}/g, ':$1');

/**
 * The policies one service declares in its OpenAPI document (`x-kavosh-access` on each operation),
 * under its public prefix. An operation without a well-formed declaration gives no policy, so the
 * edge refuses it.
 */
export function declaredPolicies(service: string, doc: OpenApiDocument): Policy[] {
  const policies: Policy[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isJson(operation)) continue;
      const access = operation[ACCESS_EXTENSION];
      if (!isAccess(access)) continue;
      const publicPath = `/api/${service}${routerPath(path === '/' ? '' : path)}`;
      policies.push({ method: method.toUpperCase(), path: publicPath, access });
      // A plugin's root route ('/' under prefix '/movies') is served with and without its
      // trailing slash (Fastify's prefixTrailingSlash 'both'), but documented once, with it.
      if (publicPath.endsWith('/') && path !== '/') {
        policies.push({ method: method.toUpperCase(), path: publicPath.slice(0, -1), access });
      }
    }
  }
  return policies;
}

/**
 * Decides requests with the same router Fastify routes with (find-my-way, same defaults), so the
 * edge matches a path exactly as the service behind it will.
 */
export function createPolicyRouter(policies: readonly Policy[]) {
  const router = FindMyWay();
  const noop = () => undefined;
  for (const policy of policies) {
    // A policy given twice (an override, or a route in two documents): the first one wins.
    if (router.hasRoute(policy.method as FindMyWay.HTTPMethod, policy.path)) continue;
    router.on(policy.method as FindMyWay.HTTPMethod, policy.path, noop, policy);
  }
  return (method: string, path: string): Access | undefined => {
    const found =
      router.find(method as FindMyWay.HTTPMethod, path) ??
      // HEAD is GET without the body (RFC 9110 §9.3.2): the GET rule decides it.
      (method === 'HEAD' ? router.find('GET', path) : null);
    return (found?.store as Policy | undefined)?.access;
  };
}

export interface UpstreamDeclarations {
  name: string;
  doc: OpenApiDocument | null;
}

/**
 * The edge policy of the whole public API: `overrides` (checked first), the gateway's own
 * routes, and what each upstream declares. Call `update` with the upstream documents whenever
 * they change; `decide` never waits.
 */
export function createEdgePolicies(overrides: readonly Policy[] = []) {
  let decideDeclared = createPolicyRouter([...overrides, ...GATEWAY_POLICIES]);
  let loaded = new Set<string>();
  let known = new Set<string>();
  let all: Policy[] = [...overrides, ...GATEWAY_POLICIES];
  return {
    update(upstreams: readonly UpstreamDeclarations[]): void {
      all = [...overrides, ...GATEWAY_POLICIES];
      for (const { name, doc } of upstreams) {
        if (doc) all.push(...declaredPolicies(name, doc));
      }
      decideDeclared = createPolicyRouter(all);
      known = new Set(upstreams.map(({ name }) => name));
      loaded = new Set(upstreams.filter(({ doc }) => doc !== null).map(({ name }) => name));
    },
    /** `path` without its query string, already canonical (canonical-path.ts). */
    decide(method: string, path: string): Decision {
      const access = decideDeclared(method, path);
      if (access !== undefined) return access;
      const upstream = upstreamOf(path);
      return upstream !== undefined && known.has(upstream) && !loaded.has(upstream)
        ? 'unavailable'
        : 'undeclared';
    },
    /** Every policy in force, for the merged document and tests. */
    policies: (): readonly Policy[] => all,
    /** Whether an upstream's declarations are loaded. */
    isLoaded: (upstream: string): boolean => loaded.has(upstream),
  };
}

export type EdgePolicies = ReturnType<typeof createEdgePolicies>;

/** `/api/<name>/…` → `<name>`. */
export function upstreamOf(path: string): string | undefined {
  if (!path.startsWith('/api/')) return undefined;
  const end = path.indexOf('/', 5);
  const name = end === -1 ? path.slice(5) : path.slice(5, end);
  return name === '' ? undefined : name;
}
