import type { Rng } from './rng.js';

/**
 * Strings matching a JSON Schema `pattern`, for the patterns request schemas use: anchors,
 * literals, escapes (\d \w \s and escaped punctuation), classes with ranges and negation, `.`,
 * groups with alternation, and the quantifiers ? * + {n} {n,} {n,m}. Unbounded repeats stop a few
 * past their minimum. Anything else (lookarounds, backreferences) gives undefined: the caller
 * falls back to plain candidates.
 */

type Node =
  { kind: 'chars'; chars: string[] } | { kind: 'group'; options: Piece[][] } | { kind: 'empty' };
interface Piece {
  node: Node;
  min: number;
  max: number;
  /** `*`, `+` or `{n,}`: may repeat as often as a minimum length needs. */
  unbounded: boolean;
}

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const DIGITS = PRINTABLE.filter((c) => c >= '0' && c <= '9');
const WORD = PRINTABLE.filter((c) => /\w/.test(c));
const SPACE = [' ', '\t'];

class Unsupported extends Error {}

function escapeSet(letter: string): string[] {
  switch (letter) {
    case 'd':
      return DIGITS;
    case 'w':
      return WORD;
    case 's':
      return SPACE;
    case 'D':
      return PRINTABLE.filter((c) => !DIGITS.includes(c));
    case 'S':
      return PRINTABLE.filter((c) => !SPACE.includes(c));
    case 'W':
      return PRINTABLE.filter((c) => !WORD.includes(c));
    case 'n':
      return ['\n'];
    case 't':
      return ['\t'];
    default:
      if (/[A-Za-z0-9]/.test(letter)) throw new Unsupported(`\\${letter}`);
      return [letter];
  }
}

function parse(source: string): Piece[][] {
  let at = 0;
  const peek = () => source[at];

  function parseClass(): string[] {
    // After '['.
    let negate = false;
    if (peek() === '^') {
      negate = true;
      at += 1;
    }
    const chars: string[] = [];
    let first = true;
    while (at < source.length && (peek() !== ']' || first)) {
      first = false;
      let ch = source[at] as string;
      at += 1;
      if (ch === '\\') {
        const set = escapeSet(source[at] ?? '');
        at += 1;
        if (set.length !== 1) {
          chars.push(...set);
          continue;
        }
        ch = set[0] as string;
      }
      if (peek() === '-' && source[at + 1] !== undefined && source[at + 1] !== ']') {
        at += 1;
        let end = source[at] as string;
        at += 1;
        if (end === '\\') {
          end = escapeSet(source[at] ?? '')[0] ?? end;
          at += 1;
        }
        for (let code = ch.charCodeAt(0); code <= end.charCodeAt(0); code += 1) {
          chars.push(String.fromCharCode(code));
        }
      } else {
        chars.push(ch);
      }
    }
    at += 1; // ']'
    return negate ? PRINTABLE.filter((c) => !chars.includes(c)) : chars;
  }

  function parseAlternation(): Piece[][] {
    const options: Piece[][] = [[]];
    while (at < source.length && peek() !== ')') {
      const ch = source[at] as string;
      at += 1;
      let node: Node;
      if (ch === '|') {
        options.push([]);
        continue;
      } else if (ch === '^' || ch === '$') {
        continue;
      } else if (ch === '(') {
        if (peek() === '?') {
          if (source[at + 1] !== ':') throw new Unsupported('lookaround');
          at += 2;
        }
        node = { kind: 'group', options: parseAlternation() };
        at += 1; // ')'
      } else if (ch === '[') {
        node = { kind: 'chars', chars: parseClass() };
      } else if (ch === '\\') {
        node = { kind: 'chars', chars: escapeSet(source[at] ?? '') };
        at += 1;
      } else if (ch === '.') {
        node = { kind: 'chars', chars: WORD };
      } else {
        node = { kind: 'chars', chars: [ch] };
      }
      let min = 1;
      let max = 1;
      let unbounded = false;
      const q = peek();
      if (q === '?' || q === '*' || q === '+') {
        at += 1;
        [min, max] = q === '?' ? [0, 1] : q === '*' ? [0, 3] : [1, 4];
        unbounded = q !== '?';
      } else if (q === '{') {
        const close = source.indexOf('}', at);
        const [low, high] = source.slice(at + 1, close).split(',');
        min = Number(low);
        max = high === undefined ? min : high === '' ? min + 3 : Number(high);
        unbounded = high === '';
        at = close + 1;
      }
      if (peek() === '?') at += 1; // lazy: same strings
      options[options.length - 1]?.push({ node, min, max, unbounded });
    }
    return options;
  }

  return parseAlternation();
}

/** `stretch`: how many times an unbounded repeat may go, so a minimum length can be reached. */
function generate(options: Piece[][], rng: Rng, stretch: number): string {
  const pieces = rng.pick(options);
  let out = '';
  for (const piece of pieces) {
    const max = piece.unbounded ? Math.max(piece.max, stretch) : piece.max;
    const times = rng.int(piece.min, max);
    for (let i = 0; i < times; i += 1) {
      if (piece.node.kind === 'chars') out += rng.pick(piece.node.chars);
      else if (piece.node.kind === 'group') out += generate(piece.node.options, rng, stretch);
    }
  }
  return out;
}

/** A string matching `pattern` (and the length bounds, when it can), or undefined. */
export function stringMatching(
  pattern: string,
  rng: Rng,
  bounds: { minLength?: number; maxLength?: number } = {},
): string | undefined {
  let regex: RegExp;
  let tree: Piece[][];
  try {
    regex = new RegExp(pattern, 'u');
    tree = parse(pattern);
  } catch {
    return undefined;
  }
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const candidate = generate(tree, rng, Math.min((bounds.minLength ?? 0) + 8, 64));
    const fits =
      candidate.length >= (bounds.minLength ?? 0) &&
      candidate.length <= (bounds.maxLength ?? Infinity);
    if (fits && regex.test(candidate)) return candidate;
  }
  return undefined;
}
