import { describe, expect, it } from 'vitest';
import { canonicalPath } from './canonical-path.js';

describe('canonicalPath', () => {
  it('accepts origin-form targets as they are, query string aside', () => {
    expect(canonicalPath('/api/auth/login')).toEqual({ path: '/api/auth/login' });
    expect(canonicalPath('/api/catalog/movies?q=a%20b&genre=%41')).toEqual({
      path: '/api/catalog/movies',
    });
    // Escapes that cannot spell a literal segment stay: a space, a non-ASCII letter.
    expect(canonicalPath('/api/catalog/movies/caf%C3%A9%20noir')).toEqual({
      path: '/api/catalog/movies/caf%C3%A9%20noir',
    });
  });

  it.each([
    ['a needlessly encoded letter', '/api/auth/log%69n'],
    ['an encoded first letter of a segment', '/api/auth/%75sers'],
    ['an encoded upper-case letter', '/api/auth/%55sers'],
    ['an encoded digit', '/api/catalog/movies/%31'],
    ['an encoded hyphen', '/api/auth/me%2Dx'],
    ['an encoded underscore', '/api/auth/a%5fb'],
    ['an encoded tilde', '/api/auth/a%7eb'],
    ['an encoded dot', '/api/auth/%2e%2e/x'],
    ['an encoded slash', '/api/auth/users%2F1'],
    ['an encoded backslash', '/api/auth/users%5C1'],
    ['a backslash', '/api/auth\\users'],
    ['a fragment', '/api/auth/login#x'],
    ['a fragment after the query', '/api/auth/login?a=1#x'],
    ['a doubled slash', '/api//auth/login'],
    ['a trailing doubled slash', '/api/auth/login//'],
    ['a dot segment', '/api/auth/./login'],
    ['a dot-dot segment', '/api/catalog/../auth/users'],
    ['a malformed escape', '/api/auth/log%6'],
    ['a non-hex escape', '/api/auth/log%zzin'],
    ['an absolute-form target', 'http://gateway/api/auth/login'],
    ['an asterisk-form target', '*'],
  ])('refuses %s', (_name, target) => {
    expect(canonicalPath(target)).toHaveProperty('refused');
  });
});
