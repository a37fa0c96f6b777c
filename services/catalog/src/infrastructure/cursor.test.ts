import { describe, expect, it } from 'vitest';
import { createCursorCodec, InvalidCursor, queryFingerprint } from './cursor.js';

const codec = createCursorCodec('a-test-secret-that-is-long-enough-000');
const fp = queryFingerprint('movies', { sort: 'newest', genre: 'drama' });

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof InvalidCursor ? err.code : String(err);
  }
  return 'no error';
};

describe('cursor codec', () => {
  it('round-trips a keyset position for the same query', () => {
    const cursor = codec.encode(fp, ['2026-01-01T00:00:00.000Z', 'id-1']);
    expect(cursor).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(codec.decode(cursor, fp, 2)).toEqual(['2026-01-01T00:00:00.000Z', 'id-1']);
  });

  it('refuses a cursor whose payload was altered', () => {
    const cursor = codec.encode(fp, [10, 'id-1']);
    const [, sig] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ f: fp, k: [0, 'id-1'] })).toString('base64url');
    expect(codeOf(() => codec.decode(`${forged}.${sig}`, fp, 2))).toBe('INVALID_CURSOR');
  });

  it('refuses a cursor signed with another secret', () => {
    const other = createCursorCodec('another-secret-that-is-long-enough-111');
    expect(codeOf(() => codec.decode(other.encode(fp, [1, 'x']), fp, 2))).toBe('INVALID_CURSOR');
  });

  it('refuses a cursor issued for another query', () => {
    const cursor = codec.encode(fp, [1, 'x']);
    const otherFp = queryFingerprint('movies', { sort: 'title', genre: 'drama' });
    expect(codeOf(() => codec.decode(cursor, otherFp, 2))).toBe('INVALID_CURSOR');
  });

  it('refuses garbage, an empty signature and an over-long cursor', () => {
    for (const bad of ['', 'abc', 'a.b.c', 'abc.', '.abc', '!!!.???', 'x'.repeat(600)]) {
      expect(codeOf(() => codec.decode(bad, fp, 2))).toBe('INVALID_CURSOR');
    }
  });

  it('refuses a genuine cursor with the wrong number of key parts', () => {
    expect(codeOf(() => codec.decode(codec.encode(fp, ['x']), fp, 2))).toBe('INVALID_CURSOR');
  });

  it('fingerprints ignore key order and undefined values, but not values or scope', () => {
    expect(queryFingerprint('movies', { a: 1, b: undefined, c: 'x' })).toBe(
      queryFingerprint('movies', { c: 'x', a: 1 }),
    );
    expect(queryFingerprint('movies', { a: 1 })).not.toBe(queryFingerprint('movies', { a: 2 }));
    expect(queryFingerprint('movies', { a: 1 })).not.toBe(queryFingerprint('articles', { a: 1 }));
  });

  it('will not start with a short secret', () => {
    expect(() => createCursorCodec('short')).toThrow(/32/);
  });
});
