import type { Role } from '@kavosh/auth-client';

/** Who may call a route at the edge. Services check again (ownership, roles) on their side. */
export type Access = 'public' | 'authenticated' | { roles: readonly Role[] };

export interface Policy {
  /** An HTTP method, or '*' for any. */
  method: string;
  /** A public path; `:name` matches one segment. */
  path: string;
  access: Access;
}

/**
 * The edge policy of every public route. The first match wins; a route not listed is
 * `authenticated`, so a new upstream route is never public by accident. Still give every route an
 * entry, `authenticated` ones too: e2e/test/openapi-policies.test.ts names each route decided by
 * the default, and each entry no route uses.
 */
export const POLICIES: readonly Policy[] = [
  { method: 'GET', path: '/.well-known/jwks.json', access: 'public' },
  { method: 'GET', path: '/api/auth/.well-known/jwks.json', access: 'public' },
  { method: 'POST', path: '/api/auth/register', access: 'public' },
  { method: 'POST', path: '/api/auth/login', access: 'public' },
  // The refresh token (body or cookie) is the credential here, not an access token.
  { method: 'POST', path: '/api/auth/refresh', access: 'public' },
  { method: 'POST', path: '/api/auth/logout', access: 'public' },
  { method: '*', path: '/api/auth/users', access: { roles: ['admin'] } },
  { method: '*', path: '/api/auth/users/:id', access: { roles: ['admin'] } },
  { method: '*', path: '/api/auth/users/:id/role', access: { roles: ['admin'] } },
  { method: '*', path: '/api/auth/me', access: 'authenticated' },
  { method: 'POST', path: '/api/auth/me/password', access: 'authenticated' },
  // catalog: movies, genres, people (C1). Reads are public (an editor's token still shows
  // drafts); every write and the people lookup are for editors.
  { method: 'GET', path: '/api/catalog/movies', access: 'public' },
  { method: 'POST', path: '/api/catalog/movies', access: { roles: ['editor', 'admin'] } },
  { method: 'GET', path: '/api/catalog/movies/:id', access: 'public' },
  { method: 'PATCH', path: '/api/catalog/movies/:id', access: { roles: ['editor', 'admin'] } },
  { method: 'DELETE', path: '/api/catalog/movies/:id', access: { roles: ['editor', 'admin'] } },
  {
    method: 'POST',
    path: '/api/catalog/movies/:id/publish',
    access: { roles: ['editor', 'admin'] },
  },
  {
    method: 'POST',
    path: '/api/catalog/movies/:id/unpublish',
    access: { roles: ['editor', 'admin'] },
  },
  { method: 'GET', path: '/api/catalog/genres', access: 'public' },
  { method: 'POST', path: '/api/catalog/genres', access: { roles: ['editor', 'admin'] } },
  { method: 'GET', path: '/api/catalog/genres/:id', access: 'public' },
  { method: 'PATCH', path: '/api/catalog/genres/:id', access: { roles: ['editor', 'admin'] } },
  { method: 'DELETE', path: '/api/catalog/genres/:id', access: { roles: ['editor', 'admin'] } },
  { method: '*', path: '/api/catalog/people', access: { roles: ['editor', 'admin'] } },
  { method: 'GET', path: '/api/catalog/people/:id', access: 'public' },
  { method: 'PATCH', path: '/api/catalog/people/:id', access: { roles: ['editor', 'admin'] } },
  { method: 'DELETE', path: '/api/catalog/people/:id', access: { roles: ['editor', 'admin'] } },
  // catalog: posters (C2)
  { method: 'GET', path: '/api/catalog/posters/:file', access: 'public' },
  {
    method: 'POST',
    path: '/api/catalog/movies/:id/poster',
    access: { roles: ['editor', 'admin'] },
  },
  // catalog: playback; any signed-in caller (catalog checks the subscription for premium titles).
  { method: 'GET', path: '/api/catalog/movies/:id/playback', access: 'authenticated' },
  // catalog: the blog (C2). Reads are public (an editor's token still shows drafts).
  { method: 'GET', path: '/api/catalog/articles', access: 'public' },
  { method: 'POST', path: '/api/catalog/articles', access: { roles: ['editor', 'admin'] } },
  { method: 'GET', path: '/api/catalog/articles/:id', access: 'public' },
  { method: 'PATCH', path: '/api/catalog/articles/:id', access: { roles: ['editor', 'admin'] } },
  { method: 'DELETE', path: '/api/catalog/articles/:id', access: { roles: ['editor', 'admin'] } },
  {
    method: 'POST',
    path: '/api/catalog/articles/:id/publish',
    access: { roles: ['editor', 'admin'] },
  },
  {
    method: 'POST',
    path: '/api/catalog/articles/:id/unpublish',
    access: { roles: ['editor', 'admin'] },
  },
  // social: live notifications. The ticket (from an authenticated POST) is the WebSocket's
  // credential, since browsers cannot set headers on one; the gateway checks its signature.
  { method: 'POST', path: '/api/social/ws-ticket', access: 'authenticated' },
  { method: 'GET', path: '/api/social/ws', access: 'public' },
];

interface CompiledPolicy extends Policy {
  pattern: RegExp;
}

const compile = (policy: Policy): CompiledPolicy => ({
  ...policy,
  pattern: new RegExp(
    `^${policy.path
      .split('/')
      .map((segment) =>
        segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/')}/?$`,
  ),
});

/** Finds the policy entry that decides a method and a path, or undefined when none is listed. */
export function createPolicyMatcher(policies: readonly Policy[] = POLICIES) {
  const compiled = policies.map(compile);
  return (method: string, path: string): Policy | undefined => {
    // HEAD is GET without the body (RFC 9110 §9.3.2): the same rule decides both.
    const asked = method === 'HEAD' ? 'GET' : method;
    return compiled.find(
      (policy) => (policy.method === '*' || policy.method === asked) && policy.pattern.test(path),
    );
  };
}

/** Looks up the access rule for a method and a path (without query string). */
export function createPolicyLookup(policies: readonly Policy[] = POLICIES) {
  const match = createPolicyMatcher(policies);
  return (method: string, path: string): Access => match(method, path)?.access ?? 'authenticated';
}
