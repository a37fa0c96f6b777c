import { describe, expect, it } from 'vitest';
import { searchExpression } from './search.js';

describe('searchExpression', () => {
  it('keeps words and drops boolean operators and symbols', () => {
    expect(searchExpression('+dark -knight* "returns" (again) ~x @3 <y>')).toBe(
      'dark knight returns again',
    );
  });

  it('drops stopwords, short words and repeats', () => {
    expect(searchExpression('The Lord of the Rings rings')).toBe('lord rings');
  });

  it('answers null when no usable term is left', () => {
    expect(searchExpression('the of a is to')).toBeNull();
    expect(searchExpression('+-*"()~<>@'.repeat(100))).toBeNull();
    expect(searchExpression('')).toBeNull();
  });

  it('keeps letters of any script and caps the number of terms', () => {
    expect(searchExpression('سینمای ایران')).toBe('سینمای ایران');
    const many = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    expect(searchExpression(many)?.split(' ')).toHaveLength(12);
  });
});
