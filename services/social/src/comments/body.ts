// Comment bodies: plain text, stored as written (never HTML-rewritten: clients escape it for
// their output context), but Unicode-normalized (NFC) so equal text is stored equally.

export type BodyProblem = 'empty' | 'too-long' | 'control-character' | 'lone-surrogate';

export type BodyCheck = { ok: true; body: string } | { ok: false; problem: BodyProblem };

// C0 and C1 control characters and DEL, except tab and line breaks (multi-line comments).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// Half of a UTF-16 pair without its other half ("\ud800" in JSON): not text, and not storable as
// utf8mb4 without being mangled.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The body to store: NFC-normalized and trimmed, 1..maxLength characters (code points, counted
 * after normalization), without control characters.
 */
export function checkBody(raw: string, maxLength: number): BodyCheck {
  const body = raw.normalize('NFC').trim();
  if (body.length === 0) return { ok: false, problem: 'empty' };
  if (LONE_SURROGATE.test(body)) return { ok: false, problem: 'lone-surrogate' };
  if (CONTROL.test(body)) return { ok: false, problem: 'control-character' };
  let length = 0;
  for (const _ of body) {
    if (++length > maxLength) return { ok: false, problem: 'too-long' };
  }
  return { ok: true, body };
}
