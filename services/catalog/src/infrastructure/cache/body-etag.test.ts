import { describe, expect, it } from 'vitest';
import { ETAG_LENGTH, ifNoneMatchHits, parseIfNoneMatch, strongEtag } from './body-etag.js';

describe('strongEtag', () => {
  it('gives a quoted tag of fixed length that changes with the body', () => {
    const a = strongEtag('{"title":"A"}');
    expect(a).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(a).toHaveLength(ETAG_LENGTH);
    expect(strongEtag('{"title":"A"}')).toBe(a);
    expect(strongEtag('{"title":"B"}')).not.toBe(a);
  });
});

describe('parseIfNoneMatch', () => {
  it('reads one tag, a list, weak tags and the wildcard', () => {
    expect(parseIfNoneMatch(undefined)).toEqual([]);
    expect(parseIfNoneMatch('"abc"')).toEqual(['"abc"']);
    expect(parseIfNoneMatch('W/"abc", "def"')).toEqual(['"abc"', '"def"']);
    expect(parseIfNoneMatch(' * ')).toBe('*');
  });

  it('ignores malformed members and bounds the number of tags', () => {
    expect(parseIfNoneMatch('abc, "ok"')).toEqual(['"ok"']);
    const many = Array.from({ length: 40 }, (_, i) => `"t${i}"`).join(', ');
    expect(parseIfNoneMatch(many)).toHaveLength(16);
  });

  it('matches weakly and by wildcard', () => {
    const tag = strongEtag('body');
    expect(ifNoneMatchHits(parseIfNoneMatch(`W/${tag}`), tag)).toBe(true);
    expect(ifNoneMatchHits(parseIfNoneMatch('*'), tag)).toBe(true);
    expect(ifNoneMatchHits(parseIfNoneMatch('"other"'), tag)).toBe(false);
    expect(ifNoneMatchHits([], tag)).toBe(false);
  });
});
