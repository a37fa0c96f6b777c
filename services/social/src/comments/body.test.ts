import { describe, expect, it } from 'vitest';
import { checkBody } from './body.js';

describe('checkBody', () => {
  it('trims and NFC-normalizes, and keeps markup as written', () => {
    expect(checkBody('  Cafe\u0301 <b>bold</b>\n', 100)).toEqual({
      ok: true,
      body: 'Café <b>bold</b>',
    });
  });

  it('refuses an empty or blank body', () => {
    expect(checkBody('', 10)).toEqual({ ok: false, problem: 'empty' });
    expect(checkBody(' \n\t ', 10)).toEqual({ ok: false, problem: 'empty' });
  });

  it('counts characters, not UTF-16 units, against the cap', () => {
    expect(checkBody('😀'.repeat(5), 5)).toMatchObject({ ok: true });
    expect(checkBody('😀'.repeat(6), 5)).toEqual({ ok: false, problem: 'too-long' });
  });

  it('refuses control characters but keeps tabs, line breaks and joiners', () => {
    expect(checkBody('a\u0000b', 10)).toEqual({ ok: false, problem: 'control-character' });
    expect(checkBody('a\u001bb', 10)).toEqual({ ok: false, problem: 'control-character' });
    expect(checkBody('a\u0085b', 10)).toEqual({ ok: false, problem: 'control-character' });
    expect(checkBody('line\none\ttab', 20)).toMatchObject({ ok: true });
    expect(checkBody('می\u200cخواهم', 20)).toMatchObject({ ok: true });
  });

  it('refuses half of a surrogate pair, keeps whole pairs', () => {
    expect(checkBody('\ud800', 10)).toEqual({ ok: false, problem: 'lone-surrogate' });
    expect(checkBody('a\udc00b', 10)).toEqual({ ok: false, problem: 'lone-surrogate' });
    expect(checkBody('x\ud83d', 10)).toEqual({ ok: false, problem: 'lone-surrogate' });
    expect(checkBody('\ud83d\ude00 ok', 10)).toMatchObject({ ok: true });
  });
});
