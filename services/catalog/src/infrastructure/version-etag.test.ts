import { describe, expect, it } from 'vitest';
import { acceptedVersions, assertVersion, etagOf } from './version-etag.js';
import { slugify } from './slug.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('If-Match versions', () => {
  it('reads strong "v<n>" tags, a list of them and *', () => {
    expect(etagOf(3)).toBe('"v3"');
    expect(acceptedVersions('"v3"')).toEqual([3]);
    expect(acceptedVersions('"v3", "v4"')).toEqual([3, 4]);
    expect(acceptedVersions('*')).toBeNull();
  });

  it('answers 428 without a header and 412 for a stale, weak or foreign tag', () => {
    expect(codeOf(() => assertVersion(undefined, 1))).toBe('PRECONDITION_REQUIRED');
    expect(codeOf(() => assertVersion('', 1))).toBe('PRECONDITION_REQUIRED');
    expect(codeOf(() => assertVersion('"v1"', 2))).toBe('VERSION_MISMATCH');
    expect(codeOf(() => assertVersion('W/"v2"', 2))).toBe('VERSION_MISMATCH');
    expect(codeOf(() => assertVersion('"abc"', 2))).toBe('VERSION_MISMATCH');
    expect(codeOf(() => assertVersion('"v2"', 2))).toBe('ok');
  });
});

describe('slugify', () => {
  it('folds accents, drops symbols and keeps single hyphens', () => {
    expect(slugify('Amélie — Le Fabuleux Destin!', 'x')).toBe('amelie-le-fabuleux-destin');
    expect(slugify('  --Hello   World--  ')).toBe('hello-world');
  });

  it('falls back when nothing Latin is left, and bounds the length', () => {
    expect(slugify('شب', 'movie')).toBe('movie');
    expect(slugify('a'.repeat(500)).length).toBeLessThanOrEqual(80);
  });
});
