import { resolve, typeOf, type Schema } from './openapi.js';
import { stringMatching } from './pattern.js';
import type { Rng } from './rng.js';

/**
 * Values drawn from a JSON Schema: valid ones (random but within every bound, with odd content
 * where the schema allows it) and invalid ones (wrong type, past a bound, malformed format).
 */

/** A JSON literal JSON.stringify cannot write (NaN, 1e400, -0, 0x10): see toJson. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of `value`, with every RawJson written verbatim. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `@@raw-${raws.length - 1}@@`;
    }
    return v;
  });
  if (text === undefined) return 'null';
  return text.replace(/"@@raw-(\d+)@@"/g, (_all, i: string) => raws[Number(i)] ?? 'null');
}

/**
 * Strings a schema without a pattern or format accepts that a careless handler or database may
 * not: other scripts, emoji (two UTF-16 units), combining marks, a bidi override, a NUL, a lone
 * surrogate, markup and quoting. None contains a word the leak check looks for.
 */
const ODD_TEXT = [
  'kavosh fuzz',
  '   ',
  'کاوش فیلم',
  '电影评论',
  '🎬🍿✨',
  'e\u0301\u0301\u0301',
  '\u202eevil\u202c',
  'nul\u0000byte',
  'lone\ud800half',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '../../etc/passwd',
  'line\r\nbreak',
  '${7*7}{{7*7}}',
  '\\"\\u0000',
];
/** Header values must be Latin-1 without control characters. */
const ODD_HEADER_TEXT = ['kavosh-fuzz', ' padded ', 'caf\u00e9', '\'"<>', '../..', '%00%ff'];

export interface ValueContext {
  rng: Rng;
  doc: unknown;
  /** A known id for a field named like `planId` or `genreIds`, if any was seen. */
  idFor?: (field: string) => string | undefined;
  /** Header values: Latin-1 only. */
  header?: boolean;
}

const codePoints = (text: string) => Array.from(text);

/** `text` cut or padded (with 'a') to fit the bounds, counted in code points as ajv does. */
function fit(text: string, min: number, max: number): string {
  let points = codePoints(text).slice(0, max);
  if (points.length < min) points = [...points, ...'a'.repeat(min - points.length)];
  return points.join('');
}

function numberBounds(schema: Schema, integer: boolean): [number, number] {
  const step = integer ? 1 : 0.001;
  const low =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + step
        : undefined;
  const high =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - step
        : undefined;
  return [low ?? Math.min(0, high ?? 0), high ?? Math.max(low ?? 0, 0) + 1000];
}

function validNumber(schema: Schema, ctx: ValueContext, integer: boolean): number {
  const { rng } = ctx;
  const [low, high] = numberBounds(schema, integer);
  const unbounded = schema.maximum === undefined && schema.exclusiveMaximum === undefined;
  // An unbounded integer is a column somewhere: the odd-but-valid values are its overflow.
  if (unbounded && rng.chance(0.4)) {
    return rng.pick(integer ? [2147483647, 2147483648, 9007199254740991] : [1e308, 2.5e-324]);
  }
  const roll = rng.next();
  if (roll < 0.25) return low;
  if (roll < 0.5) return high;
  const value = low + rng.next() * (high - low);
  return integer ? Math.round(value) : value;
}

function validString(schema: Schema, ctx: ValueContext, field: string): string {
  const { rng } = ctx;
  const min = Number(schema.minLength ?? 0);
  const max = Math.min(Number(schema.maxLength ?? 4096), 65_536);
  switch (schema.format) {
    case 'uuid':
      return ctx.idFor?.(field) ?? rng.uuid();
    case 'email':
      return `fuzz.${rng.hex(10)}@example.com`;
    case 'date-time':
      return rng.pick([
        new Date(rng.int(0, 4_102_444_800_000)).toISOString(),
        '0001-01-01T00:00:00.000Z',
        '9999-12-31T23:59:59.999Z',
        '2038-01-19T03:14:08+14:00',
      ]);
    case 'date':
      return rng.pick(['0001-01-01', '9999-12-31', '2000-02-29', '2026-12-07']);
    case 'uri':
    case 'url':
      return rng.pick(['https://example.com/fuzz', 'http://127.0.0.1:1/x?y=%00']);
    default:
      break;
  }
  if (typeof schema.pattern === 'string') {
    const matching = stringMatching(schema.pattern, rng, { minLength: min, maxLength: max });
    if (matching !== undefined) return matching;
  }
  const roll = rng.next();
  // Exactly at the bounds a quarter of the time each: the lengths a column is sized by.
  if (roll < 0.2) return fit(ctx.header ? 'k' : rng.pick(['k', 'ک', '🎬']), max, max);
  if (roll < 0.35 && min > 0) return fit('k', min, min);
  return fit(rng.pick(ctx.header ? ODD_HEADER_TEXT : ODD_TEXT), min, max);
}

/** A random value the schema accepts (as far as this generator can tell). */
export function validValue(
  schema: Schema | undefined,
  ctx: ValueContext,
  field = '',
  depth = 0,
): unknown {
  const resolved = resolve(schema, ctx.doc);
  const { rng } = ctx;
  if (!resolved || depth > 8) return null;
  if ('const' in resolved) return resolved.const;
  if (Array.isArray(resolved.enum)) return rng.pick(resolved.enum);
  const options = (resolved.anyOf ?? resolved.oneOf) as Schema[] | undefined;
  if (options && options.length > 0) {
    const nonNull = options.filter((option) => typeOf(option, ctx.doc) !== 'null');
    const option = nonNull.length > 0 && rng.chance(0.85) ? rng.pick(nonNull) : rng.pick(options);
    return validValue(option, ctx, field, depth + 1);
  }
  if (Array.isArray(resolved.allOf) && resolved.allOf.length > 0) {
    return validValue(resolved.allOf[0] as Schema, ctx, field, depth + 1);
  }
  switch (typeOf(resolved, ctx.doc)) {
    case 'null':
      return null;
    case 'object': {
      const properties = (resolved.properties ?? {}) as Record<string, Schema>;
      const required = new Set((resolved.required ?? []) as string[]);
      const entries = Object.entries(properties).filter(
        ([name]) => required.has(name) || rng.chance(0.6),
      );
      // A PATCH body's `minProperties`: add optional ones until there are enough.
      for (const extra of Object.entries(properties)) {
        if (entries.length >= Number(resolved.minProperties ?? 0)) break;
        if (!entries.some(([name]) => name === extra[0])) entries.push(extra);
      }
      return Object.fromEntries(
        entries.map(([name, property]) => [name, validValue(property, ctx, name, depth + 1)]),
      );
    }
    case 'array': {
      const min = Number(resolved.minItems ?? 0);
      const max = Math.min(Number(resolved.maxItems ?? min + 3), min + 3);
      const items: unknown[] = [];
      const seen = new Set<string>();
      for (let attempt = 0; items.length < rng.int(min, max) && attempt < 12; attempt += 1) {
        const item = validValue(resolved.items as Schema, ctx, field, depth + 1);
        const key = JSON.stringify(item);
        if (resolved.uniqueItems && seen.has(key)) continue;
        seen.add(key);
        items.push(item);
      }
      return items;
    }
    case 'integer':
      return validNumber(resolved, ctx, true);
    case 'number':
      return validNumber(resolved, ctx, false);
    case 'boolean':
      return rng.chance(0.5);
    default:
      return validString(resolved, ctx, field);
  }
}

export interface Invalid {
  label: string;
  value: unknown;
}

/** Values of another JSON type than the schema's. */
export function wrongTypes(schema: Schema | undefined, doc: unknown): Invalid[] {
  switch (typeOf(schema, doc)) {
    case 'string':
      return [
        { label: 'number', value: 12345 },
        { label: 'boolean', value: true },
        { label: 'null', value: null },
        { label: 'object', value: { nested: 'x' } },
        { label: 'array', value: ['x'] },
      ];
    case 'integer':
    case 'number':
      return [
        { label: 'numeric-string', value: '12' },
        { label: 'string', value: 'twelve' },
        { label: 'boolean', value: true },
        { label: 'null', value: null },
        { label: 'array', value: [1] },
        { label: 'object', value: { n: 1 } },
      ];
    case 'boolean':
      return [
        { label: 'string', value: 'true' },
        { label: 'number', value: 1 },
        { label: 'null', value: null },
      ];
    case 'array':
      return [
        { label: 'string', value: 'x' },
        { label: 'object', value: { 0: 'x' } },
        { label: 'null', value: null },
      ];
    case 'object':
      return [
        { label: 'string', value: 'x' },
        { label: 'array', value: [] },
        { label: 'number', value: 1 },
        { label: 'null', value: null },
      ];
    default:
      return [{ label: 'object', value: { unexpected: [1, { deeper: true }] } }];
  }
}

/** Numbers an integer field must refuse: out of range, fractional, beyond JSON's doubles. */
const ODD_NUMBERS: Invalid[] = [
  { label: 'fraction', value: 1.5 },
  { label: 'nan', value: new RawJson('NaN') },
  { label: 'infinity', value: new RawJson('Infinity') },
  { label: 'overflow-1e400', value: new RawJson('1e400') },
  { label: 'huge-integer', value: new RawJson(`1${'0'.repeat(400)}`) },
  { label: 'unsafe-integer', value: 9007199254740993 },
  { label: 'int64-min', value: -9223372036854775808 },
  { label: 'negative', value: -1 },
  { label: 'negative-zero', value: new RawJson('-0') },
  { label: 'hex', value: new RawJson('0x10') },
  { label: 'leading-zero', value: new RawJson('012') },
];

/** Values of the right type that break a bound or a format. */
export function boundViolations(schema: Schema | undefined, ctx: ValueContext): Invalid[] {
  const resolved = resolve(schema, ctx.doc);
  if (!resolved) return [];
  const options = (resolved.anyOf ?? resolved.oneOf) as Schema[] | undefined;
  const nonNull = options?.find((option) => typeOf(option, ctx.doc) !== 'null');
  if (nonNull) return boundViolations(nonNull, ctx);
  const out: Invalid[] = [];
  if (Array.isArray(resolved.enum)) out.push({ label: 'not-in-enum', value: 'NOT_A_CHOICE' });
  switch (typeOf(resolved, ctx.doc)) {
    case 'string': {
      const max = typeof resolved.maxLength === 'number' ? resolved.maxLength : undefined;
      if (max !== undefined) out.push({ label: 'max-length+1', value: 'a'.repeat(max + 1) });
      out.push({ label: 'oversize-100k', value: 'a'.repeat(100_000) });
      if (Number(resolved.minLength ?? 0) > 0) out.push({ label: 'empty', value: '' });
      if (typeof resolved.pattern === 'string') {
        out.push({ label: 'pattern', value: '!! not/valid\u0000' });
      }
      if (resolved.format === 'uuid') {
        out.push(
          { label: 'uuid-malformed', value: 'not-a-uuid' },
          { label: 'uuid-braced', value: `{${ctx.rng.uuid()}}` },
          { label: 'uuid-long', value: `${ctx.rng.uuid()}0` },
          { label: 'uuid-nil', value: '00000000-0000-0000-0000-000000000000' },
        );
      }
      if (resolved.format === 'email') {
        out.push(
          { label: 'email-no-at', value: 'nobody.example.com' },
          { label: 'email-long', value: `${'a'.repeat(300)}@example.com` },
        );
      }
      if (resolved.format === 'date-time' || resolved.format === 'date') {
        out.push(
          { label: 'date-malformed', value: '2026-13-45T99:99:99Z' },
          { label: 'date-far', value: '+275760-09-13T00:00:00.001Z' },
        );
      }
      break;
    }
    case 'integer':
    case 'number': {
      if (typeof resolved.minimum === 'number') {
        out.push({ label: 'below-minimum', value: resolved.minimum - 1 });
      }
      if (typeof resolved.maximum === 'number') {
        out.push({ label: 'above-maximum', value: resolved.maximum + 1 });
      }
      const odd = typeOf(resolved, ctx.doc) === 'integer' ? ODD_NUMBERS : ODD_NUMBERS.slice(1);
      out.push(...odd);
      break;
    }
    case 'array': {
      const max = typeof resolved.maxItems === 'number' ? resolved.maxItems : 1000;
      const item = validValue(resolved.items as Schema, ctx);
      out.push({
        label: 'max-items+1',
        value: Array.from({ length: max + 1 }, () => structuredClone(item)),
      });
      if (resolved.uniqueItems) out.push({ label: 'duplicates', value: [item, item] });
      out.push({ label: 'items-wrong-type', value: [{ a: 1 }, 7, null] });
      break;
    }
    default:
      break;
  }
  return out;
}

/** `[[[...]]]` nested `depth` times. */
export const deeplyNested = (depth: number): RawJson =>
  new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);

/** `{"a":{"a":...}}` nested `depth` times. */
export const deeplyNestedObject = (depth: number): RawJson =>
  new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
