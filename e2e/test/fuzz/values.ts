import fc from 'fast-check';
import { resolve, typeOf, type Schema } from './openapi.js';

/**
 * fast-check arbitraries drawn from a JSON Schema: valid values (within every bound, with odd
 * content where the schema allows it) and invalid ones (wrong type, past a bound, malformed
 * format, numbers JSON.stringify cannot write).
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
 * not: other scripts, emoji, combining marks, a bidi override, a NUL, a lone surrogate, markup
 * and quoting. None contains a word the leak check looks for.
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

/** Printable Latin-1 (what node:http lets through in a header value). */
export const latin1Char = fc
  .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
  .map((code) => String.fromCharCode(code));

export const headerText = (minLength = 0, maxLength = 64) =>
  fc.string({ unit: latin1Char, minLength, maxLength });

/** Any code point, lone surrogates included (JSON.stringify escapes those as \udXXX). */
export const anyText = (minLength = 0, maxLength = 64) =>
  fc.string({ unit: 'binary', minLength, maxLength });

export interface ValueContext {
  doc: unknown;
  /** The ids seen for a field named like `planId` or `genreIds`, if any. */
  idsFor?: (field: string) => readonly string[] | undefined;
  /** Header values: printable Latin-1 only. */
  header?: boolean;
}

const codePoints = (text: string) => Array.from(text);

/** `text` cut or padded (with 'a') to fit the bounds, counted in code points as ajv does. */
export function fit(text: string, min: number, max: number): string {
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

function validNumber(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const [low, high] = numberBounds(schema, integer);
  const inRange = integer
    ? fc.integer({ min: Math.ceil(low), max: Math.floor(high) })
    : fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true });
  const unbounded = schema.maximum === undefined && schema.exclusiveMaximum === undefined;
  // An unbounded integer is a column somewhere: the odd-but-valid values are its overflow.
  const overflow = integer
    ? fc.constantFrom(2147483647, 2147483648, 9007199254740991)
    : fc.constantFrom(1e308, 2.5e-324);
  return fc.oneof(fc.constant(low), fc.constant(high), inRange, ...(unbounded ? [overflow] : []));
}

function validString(schema: Schema, ctx: ValueContext, field: string): fc.Arbitrary<string> {
  const min = Number(schema.minLength ?? 0);
  const max = Math.min(Number(schema.maxLength ?? 4096), 65_536);
  switch (schema.format) {
    case 'uuid': {
      const known = ctx.idsFor?.(field) ?? [];
      const fresh = fc.uuid({ version: 4 });
      return known.length > 0 ? fc.oneof(fc.constantFrom(...known), fresh) : fresh;
    }
    case 'email':
      return fc.emailAddress().filter((email) => email.length <= max);
    case 'date-time':
      return fc.oneof(
        fc
          .date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true })
          .map((d) => d.toISOString()),
        fc.constantFrom(
          '0001-01-01T00:00:00.000Z',
          '9999-12-31T23:59:59.999Z',
          '2038-01-19T03:14:08+14:00',
        ),
      );
    case 'date':
      return fc.constantFrom('0001-01-01', '9999-12-31', '2000-02-29', '2026-12-07');
    case 'uri':
    case 'url':
      return fc.oneof(fc.webUrl(), fc.constant('http://127.0.0.1:1/x?y=%00'));
    default:
      break;
  }
  if (typeof schema.pattern === 'string') {
    return fc
      .stringMatching(new RegExp(schema.pattern, 'u'), { size: min > 4 ? 'medium' : 'small' })
      .filter((s) => {
        const length = codePoints(s).length;
        return length >= min && length <= max && (!ctx.header || /^[\x20-\x7e]*$/.test(s));
      });
  }
  const text = ctx.header
    ? headerText(min, Math.min(max, 64))
    : fc.oneof(
        fc.constantFrom(...ODD_TEXT).map((t) => fit(t, min, max)),
        anyText(min, Math.min(max, 64)),
      );
  return fc.oneof(
    // Exactly at the bounds: the lengths a column is sized by.
    fc.constantFrom(...(ctx.header ? ['k'] : ['k', 'ک', '🎬'])).map((c) => fit(c, max, max)),
    ...(min > 0 ? [fc.constant(fit('k', min, min))] : []),
    text,
  );
}

/** An arbitrary of the values the schema accepts (as far as this generator can tell). */
export function validArb(
  schema: Schema | undefined,
  ctx: ValueContext,
  field = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, ctx.doc);
  if (!resolved || depth > 8) return fc.constant(null);
  if ('const' in resolved) return fc.constant(resolved.const);
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) {
    return fc.constantFrom(...(resolved.enum as unknown[]));
  }
  const options = (resolved.anyOf ?? resolved.oneOf) as Schema[] | undefined;
  if (options && options.length > 0) {
    return fc.oneof(
      ...options.map((option) => ({
        arbitrary: validArb(option, ctx, field, depth + 1),
        weight: typeOf(option, ctx.doc) === 'null' ? 1 : 6,
      })),
    );
  }
  if (Array.isArray(resolved.allOf) && resolved.allOf.length > 0) {
    return validArb(resolved.allOf[0] as Schema, ctx, field, depth + 1);
  }
  switch (typeOf(resolved, ctx.doc)) {
    case 'null':
      return fc.constant(null);
    case 'object': {
      const properties = (resolved.properties ?? {}) as Record<string, Schema>;
      const model = Object.fromEntries(
        Object.entries(properties).map(([name, p]) => [name, validArb(p, ctx, name, depth + 1)]),
      );
      const required = ((resolved.required ?? []) as string[]).filter((n) => n in properties);
      const some = fc.record(model, { requiredKeys: required });
      const minProperties = Number(resolved.minProperties ?? 0);
      if (minProperties === 0) return some;
      // A PATCH body's `minProperties`: optional ones from a full draw until there are enough.
      return fc.tuple(some, fc.record(model)).map(([partial, full]) => {
        const out: Record<string, unknown> = { ...partial };
        for (const [name, value] of Object.entries(full)) {
          if (Object.keys(out).length >= minProperties) break;
          if (!(name in out)) out[name] = value;
        }
        return out;
      });
    }
    case 'array': {
      const minLength = Number(resolved.minItems ?? 0);
      const maxLength = Math.min(Number(resolved.maxItems ?? minLength + 3), minLength + 3);
      const item = validArb(resolved.items as Schema, ctx, field, depth + 1);
      return resolved.uniqueItems
        ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(item, { minLength, maxLength });
    }
    case 'integer':
      return validNumber(resolved, true);
    case 'number':
      return validNumber(resolved, false);
    case 'boolean':
      return fc.boolean();
    default:
      return validString(resolved, ctx, field);
  }
}

export interface Invalid {
  label: string;
  value: unknown;
}

const labelled = (label: string, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Invalid> =>
  arb.map((value) => ({ label, value }));

/** Values of another JSON type than the schema's. */
export function wrongTypeArb(schema: Schema | undefined, doc: unknown): fc.Arbitrary<Invalid> {
  const anyObject = labelled('object', fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }));
  const anyArray = labelled('array', fc.array(fc.jsonValue(), { maxLength: 3 }));
  const nul = labelled('null', fc.constant(null));
  const bool = labelled('boolean', fc.boolean());
  const num = labelled('number', fc.oneof(fc.integer(), fc.double({ noNaN: true })));
  const str = labelled('string', fc.string({ maxLength: 20 }));
  switch (typeOf(schema, doc)) {
    case 'string':
      return fc.oneof(num, bool, nul, anyObject, anyArray);
    case 'integer':
    case 'number':
      return fc.oneof(
        labelled('numeric-string', fc.integer().map(String)),
        str,
        bool,
        nul,
        anyArray,
        anyObject,
      );
    case 'boolean':
      return fc.oneof(labelled('string', fc.constantFrom('true', 'false', '1')), num, nul);
    case 'array':
      return fc.oneof(str, anyObject, nul, num);
    case 'object':
      return fc.oneof(str, anyArray, num, nul);
    default:
      return anyObject;
  }
}

/** Numbers an integer field must refuse: out of range, fractional, beyond JSON's doubles. */
const oddNumber: fc.Arbitrary<Invalid> = fc.oneof(
  fc.constantFrom<Invalid>(
    { label: 'nan', value: new RawJson('NaN') },
    { label: 'infinity', value: new RawJson('Infinity') },
    { label: 'overflow-1e400', value: new RawJson('1e400') },
    { label: 'unsafe-integer', value: 9007199254740993 },
    { label: 'int64-min', value: -9223372036854775808 },
    { label: 'negative', value: -1 },
    { label: 'negative-zero', value: new RawJson('-0') },
    { label: 'hex', value: new RawJson('0x10') },
    { label: 'leading-zero', value: new RawJson('012') },
  ),
  // Overlong literals: hundreds of digits, or an exponent no double holds.
  labelled(
    'overlong-integer',
    fc.bigInt({ min: 10n ** 30n, max: 10n ** 400n }).map((n) => new RawJson(String(n))),
  ),
  labelled(
    'overlong-exponent',
    fc.integer({ min: 309, max: 100_000 }).map((e) => new RawJson(`1e${e}`)),
  ),
);
const fraction = labelled(
  'fraction',
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)),
);

/** Values of the right type that break a bound or a format. */
export function boundViolationArb(
  schema: Schema | undefined,
  ctx: ValueContext,
): fc.Arbitrary<Invalid> | undefined {
  const resolved = resolve(schema, ctx.doc);
  if (!resolved) return undefined;
  const options = (resolved.anyOf ?? resolved.oneOf) as Schema[] | undefined;
  const nonNull = options?.find((option) => typeOf(option, ctx.doc) !== 'null');
  if (nonNull) return boundViolationArb(nonNull, ctx);
  const out: fc.Arbitrary<Invalid>[] = [];
  if (Array.isArray(resolved.enum)) {
    out.push(
      labelled(
        'not-in-enum',
        fc.string({ maxLength: 12 }).map((s) => `NOT_A_CHOICE${s}`),
      ),
    );
  }
  switch (typeOf(resolved, ctx.doc)) {
    case 'string': {
      const max = typeof resolved.maxLength === 'number' ? resolved.maxLength : undefined;
      if (max !== undefined) {
        out.push(
          labelled(
            'past-max-length',
            fc
              .tuple(fc.constantFrom('a', 'ک', '🎬'), fc.integer({ min: 1, max: 64 }))
              .map(([c, extra]) => c.repeat(max + extra)),
          ),
        );
      }
      out.push(
        labelled(
          'huge',
          fc.integer({ min: 64_000, max: 100_000 }).map((n) => 'a'.repeat(n)),
        ),
        labelled('empty', fc.constant('')),
      );
      if (typeof resolved.pattern === 'string') {
        out.push(
          labelled(
            'pattern',
            anyText(1, 40).map((s) => `!! ${s}\u0000`),
          ),
        );
      }
      if (resolved.format === 'uuid') {
        out.push(
          labelled('uuid-malformed', anyText(0, 40)),
          labelled(
            'uuid-braced',
            fc.uuid().map((u) => `{${u}}`),
          ),
          labelled(
            'uuid-long',
            fc.uuid().map((u) => `${u}0`),
          ),
          labelled('uuid-nil', fc.constant('00000000-0000-0000-0000-000000000000')),
        );
      }
      if (resolved.format === 'email') {
        out.push(
          labelled('email-no-at', fc.domain()),
          labelled('email-long', fc.constant(`${'a'.repeat(300)}@example.com`)),
        );
      }
      if (resolved.format === 'date-time' || resolved.format === 'date') {
        out.push(
          labelled(
            'date-malformed',
            fc
              .tuple(fc.integer({ min: 13, max: 99 }), fc.integer({ min: 32, max: 99 }))
              .map(([m, d]) => `2026-${m}-${d}T99:99:99Z`),
          ),
          labelled('date-far', fc.constant('+275760-09-13T00:00:00.001Z')),
        );
      }
      break;
    }
    case 'integer':
    case 'number': {
      if (typeof resolved.minimum === 'number') {
        const min = resolved.minimum;
        out.push(
          labelled(
            'below-minimum',
            fc.integer({ min: 1, max: 1e9 }).map((d) => min - d),
          ),
        );
      }
      if (typeof resolved.maximum === 'number') {
        const max = resolved.maximum;
        out.push(
          labelled(
            'above-maximum',
            fc.integer({ min: 1, max: 1e9 }).map((d) => max + d),
          ),
        );
      }
      out.push(oddNumber);
      if (typeOf(resolved, ctx.doc) === 'integer') out.push(fraction);
      break;
    }
    case 'array': {
      const max = typeof resolved.maxItems === 'number' ? resolved.maxItems : 1000;
      const item = validArb(resolved.items as Schema, ctx);
      out.push(
        labelled(
          'past-max-items',
          item.map((v) => Array.from({ length: max + 1 }, () => structuredClone(v))),
        ),
      );
      if (resolved.uniqueItems)
        out.push(
          labelled(
            'duplicates',
            item.map((v) => [v, v]),
          ),
        );
      out.push(
        labelled('items-wrong-type', fc.array(fc.jsonValue(), { minLength: 1, maxLength: 4 })),
      );
      break;
    }
    default:
      break;
  }
  return out.length > 0 ? fc.oneof(...out) : undefined;
}

/** `[[[...]]]` nested `depth` times. */
export const deeplyNested = (depth: number): RawJson =>
  new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);

/** `{"a":{"a":...}}` nested `depth` times. */
export const deeplyNestedObject = (depth: number): RawJson =>
  new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
