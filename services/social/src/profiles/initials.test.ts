import { describe, expect, it } from 'vitest';
import { initialsOf } from './initials.js';

describe('initialsOf', () => {
  it('takes the first character of the first and last words, upper-cased', () => {
    expect(initialsOf('ada king lovelace')).toBe('AL');
    expect(initialsOf('  Cher ')).toBe('C');
  });

  it('keeps scripts without case and whole graphemes', () => {
    expect(initialsOf('مریم میرزاخانی')).toBe('مم');
    expect(initialsOf('Émile Zola')).toBe('ÉZ');
    expect(initialsOf('👩‍🚀 Sally')).toBe('👩‍🚀S');
  });

  it('is empty for a blank name', () => {
    expect(initialsOf('   ')).toBe('');
  });
});
