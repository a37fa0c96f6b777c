import { describe, expect, it } from 'vitest';
import { createPolicyLookup } from './table.js';

describe('createPolicyLookup', () => {
  const lookup = createPolicyLookup();

  it('finds public routes by method and path, with or without a trailing slash', () => {
    expect(lookup('POST', '/api/auth/login')).toBe('public');
    expect(lookup('POST', '/api/auth/login/')).toBe('public');
    expect(lookup('GET', '/.well-known/jwks.json')).toBe('public');
  });

  it('matches one segment per parameter, never more', () => {
    expect(lookup('PATCH', '/api/auth/users/42/role')).toEqual({ roles: ['admin'] });
    expect(lookup('GET', '/api/auth/users/42/role/extra')).toBe('authenticated');
  });

  it('treats a route that is not listed, or listed for another method, as authenticated', () => {
    expect(lookup('GET', '/api/auth/login')).toBe('authenticated');
    expect(lookup('GET', '/api/catalog/anything')).toBe('authenticated');
  });

  it('decides HEAD as the GET of the same path', () => {
    expect(lookup('HEAD', '/.well-known/jwks.json')).toBe('public');
    expect(lookup('HEAD', '/api/auth/login')).toBe('authenticated');
  });

  it('does not treat regex characters in a path as patterns', () => {
    expect(lookup('GET', '/Xwell-known/jwks.json')).toBe('authenticated');
  });
});
