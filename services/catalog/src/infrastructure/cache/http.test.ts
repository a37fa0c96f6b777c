import { describe, expect, it } from 'vitest';
import { withVary } from './http.js';

describe('withVary', () => {
  it('adds the field to what is already there, once', () => {
    expect(withVary(undefined, 'Authorization')).toBe('Authorization');
    expect(withVary('Origin', 'Authorization')).toBe('Origin, Authorization');
    expect(withVary('Origin, authorization', 'Authorization')).toBe('Origin, authorization');
  });

  it('leaves a wildcard alone', () => {
    expect(withVary('*', 'Authorization')).toBe('*');
  });
});
