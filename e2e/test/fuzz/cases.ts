import fc from 'fast-check';
import {
  isPublic,
  jsonBodyOf,
  otherBodyTypesOf,
  parametersOf,
  resolve,
  rolesFor,
  typeOf,
  type Op,
  type Parameter,
  type Schema,
} from './openapi.js';
import {
  anyText,
  boundViolationArb,
  deeplyNested,
  deeplyNestedObject,
  headerText,
  latin1Char,
  toJson,
  validArb,
  wrongTypeArb,
  type ValueContext,
} from './values.js';

/** One request the fuzzer sends, exactly as it goes on the wire (path not normalised). */
export interface FuzzRequest {
  operation: string;
  /** `category:detail`, e.g. `body-bounds:title:max-length+1`. */
  case: string;
  /** `anonymous`, or the roles of the token sent. */
  principal: string;
  method: string;
  /** Path and query, verbatim. */
  path: string;
  headers: [string, string][];
  body?: Buffer;
}

/** What the fuzzer learned from the system before generating (ids and cursors it served). */
export interface Knowledge {
  /** Ids by the collection they came from: `movies`, `plans`, `users`, ... */
  ids: Map<string, string[]>;
  /** Cursors the system handed out, by operation name. */
  cursors: Map<string, string[]>;
}

export interface CaseContext {
  doc: unknown;
  seed: number;
  knowledge: Knowledge;
  /** An access token with these roles (signed as auth signs them). */
  tokenFor(roles: string[]): string;
}

/** A request before it is written: parameters by name, body as a value or raw bytes. */
interface Draft {
  principal: string[] | undefined;
  pathParams: Record<string, string>;
  /** Query pairs, already encoded; `rawQuery` replaces them when set. */
  query: [string, string][];
  rawQuery?: string;
  headers: [string, string][];
  /** A JSON value (written with toJson) or raw bytes; undefined: no body. */
  body?: { json: unknown } | { raw: Buffer | string };
  contentType?: string;
}

export interface Case {
  label: string;
  draft: Draft;
}

const MiB = 1024 * 1024;

/** The collection a path parameter names: `/api/catalog/movies/{id}/publish` → `movies`. */
export function collectionOf(path: string, param: string): string | undefined {
  const segments = path.split('/');
  const at = segments.indexOf(`{${param}}`);
  return at > 0 ? segments[at - 1] : undefined;
}

/** The collection a field refers to: `planId` → `plans`, `genreIds` → `genres`, `personId` → `people`. */
export function collectionOfField(field: string): string | undefined {
  const match = /^(.*?)Ids?$/.exec(field);
  if (!match?.[1]) return undefined;
  const noun = match[1].toLowerCase();
  return noun === 'person' ? 'people' : `${noun}s`;
}

/**
 * encodeURIComponent, except that a lone surrogate (which it throws on) is written as the three
 * bytes a careless UTF-8 encoder would produce: the server must refuse or tolerate them.
 */
export function encodeComponent(text: string): string {
  return Array.from(text)
    .map((point) => {
      const unit = point.charCodeAt(0);
      if (point.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
        return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
          .map((byte) => `%${byte.toString(16).toUpperCase()}`)
          .join('');
      }
      return encodeURIComponent(point);
    })
    .join('');
}

const b64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * Cursors every listing must refuse with a 4xx (or treat as a fresh start), whatever its own
 * encoding: garbage, other encodings of plausible positions, positions out of any column's range,
 * and the system's own cursors with each element turned into something it never wrote.
 */
function oddCursors(seen: readonly string[]): fc.Arbitrary<{ label: string; value: string }> {
  const fixed = fc.uuid().chain((id) =>
    fc.constantFrom(
      { label: 'garbage', value: '!!!not-a-cursor!!!' },
      { label: 'base64-json-object', value: b64url('{"id":1,"at":"never"}') },
      { label: 'base64-json-null', value: b64url('null') },
      { label: 'base64-array-huge-time', value: b64url(JSON.stringify([8.64e15 + 1, id])) },
      { label: 'base64-array-wrong-types', value: b64url(JSON.stringify([id, 'x', -1.5])) },
      { label: 'base64-dotted-far-future', value: b64url(`999999999999999.${id}`) },
      { label: 'base64-dotted-negative', value: b64url(`-1.${id}`) },
      {
        label: 'base64-invalid-utf8',
        value: Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url'),
      },
      { label: 'uuid', value: id },
      { label: 'oversize', value: 'A'.repeat(5_000) },
    ),
  );
  const random = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }).map((v) => ({
      label: 'base64-any-json',
      value: b64url(JSON.stringify(v) ?? 'null'),
    })),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => ({
      label: 'base64-random-bytes',
      value: Buffer.from(bytes).toString('base64url'),
    })),
  );
  const mutated = seen.slice(0, 2).flatMap((cursor) => {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    let decoded: unknown;
    try {
      decoded = JSON.parse(text);
    } catch {
      decoded = undefined;
    }
    const out: fc.Arbitrary<{ label: string; value: string }>[] = [
      fc.nat(cursor.length - 1).map((cut) => ({
        label: 'seen-truncated',
        value: cursor.slice(0, cut),
      })),
    ];
    if (Array.isArray(decoded) && decoded.length > 0) {
      const elements = decoded as unknown[];
      out.push(
        fc
          .tuple(fc.nat(elements.length - 1), fc.oneof(fc.jsonValue(), fc.constant(1e21)))
          .map(([i, value]) => {
            const copy = [...elements];
            copy[i] = value;
            return { label: `seen-element-${i}`, value: b64url(JSON.stringify(copy)) };
          }),
      );
    } else if (text.includes('.')) {
      out.push(fc.constant({ label: 'seen-first-part', value: b64url(`9${text}`) }));
    }
    return out;
  });
  return fc.oneof(fixed, random, ...mutated);
}

/** Path segments that must never reach a handler as anything but a 4xx or a 404. */
const ODD_SEGMENTS: { label: string; value: string }[] = [
  { label: 'not-a-uuid', value: 'not-a-uuid' },
  { label: 'dot-dot', value: '..' },
  { label: 'dot-dot-encoded', value: '%2e%2e' },
  { label: 'traversal', value: '..%2F..%2Fhealth%2Fready' },
  { label: 'slash-encoded', value: 'a%2Fb' },
  { label: 'nul', value: '%00' },
  { label: 'nul-inside', value: 'a%00b' },
  { label: 'crlf', value: '%0d%0aX-Injected:%201' },
  { label: 'bad-percent', value: '%zz' },
  { label: 'lone-percent', value: '%' },
  { label: 'invalid-utf8', value: '%ff%fe' },
  { label: 'latin1-raw', value: 'caf\u00e9' },
  { label: 'unicode', value: encodeURIComponent('فیلم-🎬') },
  { label: 'long-5000', value: 'x'.repeat(5_000) },
  { label: 'number-overflow', value: '99999999999999999999' },
  { label: 'negative', value: '-1' },
  { label: 'nan', value: 'NaN' },
  { label: 'proto', value: '__proto__' },
  { label: 'template', value: '%7Bid%7D' },
  { label: 'quote', value: "'%3B--" },
  { label: 'space', value: '%20' },
];

/** Query values an integer, boolean or string parameter must refuse or tolerate. */
function oddQueryValues(
  schema: Schema | undefined,
  doc: unknown,
): fc.Arbitrary<{ label: string; value: string }> {
  const resolved = resolve(schema, doc) ?? {};
  const type = typeOf(resolved, doc);
  const fixed: { label: string; value: string }[] = [
    { label: 'empty', value: '' },
    { label: 'bad-percent', value: '%zz' },
    { label: 'nul', value: '%00' },
  ];
  const random: fc.Arbitrary<{ label: string; value: string }>[] = [
    anyText(1, 40).map((s) => ({ label: 'random-text', value: encodeComponent(s) })),
  ];
  if (type === 'integer' || type === 'number') {
    fixed.push(
      { label: 'word', value: 'abc' },
      { label: 'fraction', value: '1.5' },
      { label: 'exponent', value: '1e309' },
      { label: 'hex', value: '0x10' },
      { label: 'nan', value: 'NaN' },
    );
    random.push(
      fc.bigInt({ min: -(10n ** 300n), max: 10n ** 300n }).map((n) => ({
        label: 'overlong-integer',
        value: String(n),
      })),
      fc.double().map((n) => ({ label: 'any-double', value: encodeComponent(String(n)) })),
    );
  } else if (type === 'boolean') {
    fixed.push({ label: 'maybe', value: 'maybe' }, { label: 'two', value: '2' });
  } else {
    const max = typeof resolved.maxLength === 'number' ? resolved.maxLength : 1_000;
    fixed.push(
      { label: 'unicode', value: encodeURIComponent('کاوش🎬\u202e') },
      { label: 'lone-surrogate', value: '%ED%A0%80' },
    );
    random.push(
      fc.integer({ min: 1, max: 500 }).map((extra) => ({
        label: 'past-max-length',
        value: 'a'.repeat(max + extra),
      })),
    );
  }
  random.push(
    fc
      .array(fc.constantFrom(0xff, 0xfe, 0xc0, 0xed, 0x80), { minLength: 1, maxLength: 6 })
      .map((bytes) => ({
        label: 'invalid-utf8',
        value: bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join(''),
      })),
  );
  if (Array.isArray(resolved.enum)) fixed.push({ label: 'not-in-enum', value: 'NOT_A_CHOICE' });
  if (resolved.format === 'uuid') fixed.push({ label: 'not-a-uuid', value: 'not-a-uuid' });
  return fc.oneof(fc.constantFrom(...fixed), ...random);
}

/** A token signed with auth's key but `alg: none` and no signature. */
const unsignedToken = () =>
  [
    b64url(JSON.stringify({ alg: 'none', typ: 'at+jwt' })),
    b64url(
      JSON.stringify({ sub: '00000000-0000-4000-8000-000000000000', roles: ['admin'], exp: 4e9 }),
    ),
    '',
  ].join('.');

/** A category of input and the arbitrary that draws its cases. */
type Category = [name: string, arbitrary: fc.Arbitrary<Case>];

/** Bytes that are not UTF-8 (a lead byte without continuation, overlong forms, 0xff), percent-encoded. */
const invalidUtf8 = fc
  .array(fc.constantFrom(0xff, 0xfe, 0xc0, 0xc1, 0xe0, 0xed, 0xf5, 0x80, 0xbf), {
    minLength: 1,
    maxLength: 6,
  })
  .map((bytes) => bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join(''));

/** The categories of cases for one operation, each an arbitrary. */
function categoriesOf(op: Op, ctx: CaseContext): Category[] {
  const { doc, knowledge } = ctx;
  const roles = rolesFor(op);
  const values: ValueContext = {
    doc,
    idsFor: (field) => knowledge.ids.get(collectionOfField(field) ?? ''),
  };
  const headerValues: ValueContext = { ...values, header: true };
  const pathParams = parametersOf(op, 'path');
  const queryParams = parametersOf(op, 'query');
  const headerParams = parametersOf(op, 'header');
  const bodySchema = jsonBodyOf(op, doc);
  const otherTypes = otherBodyTypesOf(op);
  const encoded = (p: Parameter, v: ValueContext = values) =>
    validArb(p.schema, v, p.name).map((x) => encodeComponent(String(x)));

  const pathValue = (p: Parameter) => {
    const known = knowledge.ids.get(collectionOf(op.path, p.name) ?? '') ?? [];
    return known.length > 0 ? fc.oneof(fc.constantFrom(...known), encoded(p)) : encoded(p);
  };
  /** Optional parameters: present or not when `optional`, left out otherwise. */
  const pairs = (params: Parameter[], optional: boolean, v: ValueContext, raw: boolean) =>
    fc
      .tuple(
        ...params.map((p): fc.Arbitrary<[string, string][]> => {
          const value = (raw ? validArb(p.schema, v, p.name).map(String) : encoded(p, v)).map(
            (x): [string, string][] => [[p.name, x]],
          );
          const none = fc.constant<[string, string][]>([]);
          if (p.required) return value;
          return optional ? fc.oneof(none, value) : none;
        }),
      )
      .map((lists) => lists.flat());
  const bodyValue = bodySchema ? validArb(bodySchema, values) : fc.constant(undefined);
  const bodyObject = bodyValue.map((value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { ...(value as Record<string, unknown>) }
      : ({} as Record<string, unknown>),
  );
  /** `who`: the route's roles (its token), anonymous, or a token with other roles. */
  const base = (optional: boolean, who: 'route' | 'anonymous' | string[] = 'route') =>
    fc
      .record({
        pathParams: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathValue(p)]))),
        query: pairs(queryParams, optional, values, false),
        headers: pairs(headerParams, optional, headerValues, true),
        body: bodyValue,
      })
      .map(({ pathParams: params, query, headers, body }): Draft => ({
        principal: who === 'route' ? roles : who === 'anonymous' ? undefined : who,
        pathParams: { ...params },
        query: [...query],
        headers: [...headers],
        ...(bodySchema ? { body: { json: body } } : {}),
      }));
  /** A case on a route-role draft: `make` changes the draft and returns the label. */
  const on = <T>(
    arb: fc.Arbitrary<T>,
    make: (draft: Draft, value: T) => string,
    who: 'route' | 'anonymous' | string[] = 'route',
  ): fc.Arbitrary<Case> =>
    fc.tuple(base(false, who), arb).map(([draft, value]) => ({ label: make(draft, value), draft }));
  const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
  const categories: Category[] = [];
  const add = (name: string, ...arbs: fc.Arbitrary<Case>[]) => {
    if (arbs.length > 0) categories.push([name, fc.oneof(...arbs)]);
  };

  // Valid-shaped requests with odd-but-valid content: handlers run on them.
  add(
    'valid',
    base(true).map((draft) => ({ label: 'valid:random', draft })),
  );
  if (!isPublic(op)) {
    add(
      'anonymous',
      base(true, 'anonymous').map((draft) => ({ label: 'anonymous:valid', draft })),
      base(false, 'anonymous').map((draft) => {
        if (bodySchema) draft.body = { raw: '{"broken":' };
        return { label: 'anonymous:malformed', draft };
      }),
    );
  } else {
    add(
      'valid',
      base(true, ['user']).map((draft) => ({ label: 'valid:with-user-token', draft })),
    );
  }

  const segment = fc.oneof(
    pick(ODD_SEGMENTS),
    anyText(1, 40).map((s) => ({ label: 'random-text', value: encodeComponent(s) })),
    invalidUtf8.map((value) => ({ label: 'invalid-utf8-random', value })),
    fc.bigInt({ min: 10n ** 19n, max: 10n ** 200n }).map((n) => ({
      label: 'overlong-number',
      value: String(n),
    })),
    fc.integer({ min: 300, max: 8_000 }).map((n) => ({ label: 'long', value: 'x'.repeat(n) })),
  );
  add(
    'path',
    ...pathParams.flatMap((p) => [
      on(segment, (draft, odd) => {
        draft.pathParams[p.name] = odd.value;
        return `path:${p.name}:${odd.label}`;
      }),
      on(fc.constant(null), (draft) => {
        draft.pathParams[p.name] = (draft.pathParams[p.name] ?? '').toUpperCase();
        return `path:${p.name}:upper-case`;
      }),
    ]),
  );

  add(
    'query',
    ...queryParams.flatMap((p) => {
      const odd = /cursor/i.test(p.name)
        ? oddCursors(knowledge.cursors.get(op.name) ?? [])
        : oddQueryValues(p.schema, doc);
      return [
        on(odd, (draft, { label, value }) => {
          draft.query = [...draft.query.filter(([name]) => name !== p.name), [p.name, value]];
          return `query:${p.name}:${label}`;
        }),
        on(encoded(p), (draft, one) => {
          draft.query = [...draft.query, [p.name, one], [p.name, one]];
          return `query:${p.name}:duplicate`;
        }),
      ];
    }),
  );
  const queryShape = fc.oneof(
    pick<[string, string]>([
      ['unknown-param', 'fuzzUnknown=1'],
      ['brackets', 'a[b][c]=1&limit[$gt]=1'],
      ['proto', '__proto__[polluted]=1&constructor[prototype][polluted]=1'],
      ['bad-encoding', '%=%&%zz=%zz&&&='],
      ['many-params', Array.from({ length: 1_000 }, (_, i) => `p${i}=${i}`).join('&')],
    ]),
    fc
      .array(fc.tuple(anyText(0, 12), anyText(0, 24)), { minLength: 1, maxLength: 12 })
      .map((kv): [string, string] => [
        'random-pairs',
        kv.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&'),
      ]),
    fc
      .stringMatching(/^[&=;%+a-z0-9[\]]{1,60}$/)
      .map((raw): [string, string] => ['random-separators', raw]),
  );
  add(
    'query-shape',
    on(queryShape, (draft, [label, raw]) => {
      draft.rawQuery = [...draft.query.map(([k, v]) => `${k}=${v}`), raw].join('&');
      return `query-shape:${label}`;
    }),
  );

  if (bodySchema) {
    const withBody = <T>(
      arb: fc.Arbitrary<T>,
      make: (value: T, valid: Record<string, unknown>) => [string, Draft['body'], string?],
    ) =>
      on(fc.tuple(arb, bodyObject), (draft, [value, valid]) => {
        const [label, body, contentType] = make(value, valid);
        draft.body = body;
        if (contentType !== undefined) draft.contentType = contentType;
        return label;
      });
    const invalidJson = [
      '{',
      '{"a":',
      '{"a" 1}',
      "{'a':1}",
      '{"a":1,}',
      'nul',
      '[1,2',
      '"unterminated',
      '{"a":"\\x"}',
      '\ufeff{}',
      '',
    ];
    add(
      'body-json',
      withBody(pick(invalidJson), (raw) => [`body-json:invalid`, { raw }]),
      // A valid body cut short or with a byte swapped: JSON broken anywhere.
      withBody(fc.tuple(fc.nat(), fc.nat(255)), ([at, byte], valid) => {
        const text = Buffer.from(toJson(valid));
        const cut = at % Math.max(text.length, 1);
        return at % 2 === 0
          ? ['body-json:truncated', { raw: text.subarray(0, cut) }]
          : [
              'body-json:byte-swapped',
              {
                raw: Buffer.concat([
                  text.subarray(0, cut),
                  Buffer.from([byte]),
                  text.subarray(cut + 1),
                ]),
              },
            ];
      }),
      withBody(invalidUtf8, (bytes) => [
        'body-json:invalid-utf8',
        {
          raw: Buffer.concat([
            Buffer.from('{"a":"'),
            Buffer.from(bytes.replace(/%/g, ''), 'hex'),
            Buffer.from('"}'),
          ]),
        },
      ]),
      withBody(fc.jsonValue({ maxDepth: 3 }), (value) => [
        'body-json:any-json',
        { raw: JSON.stringify(value) ?? 'null' },
      ]),
      withBody(fc.constant(null), () => ['body-json:empty-object', { json: {} }]),
      withBody(
        fc.dictionary(anyText(1, 20), fc.jsonValue(), { minKeys: 1, maxKeys: 4 }),
        (extra, valid) => [
          'body-json:extra-fields',
          { json: { ...valid, ...extra, fuzzUnknownField: 'x' } },
        ],
      ),
      withBody(fc.constant(null), (_, valid) => [
        'body-json:proto',
        { raw: toJson(valid).replace(/^\{/, '{"__proto__":{"polluted":true},') },
      ]),
      withBody(fc.constant(null), (_, valid) => [
        'body-json:constructor',
        { json: { ...valid, constructor: { prototype: { polluted: true } } } },
      ]),
      withBody(fc.integer({ min: 1_000, max: 6_000 }), (depth) => [
        'body-json:deep-array',
        { json: deeplyNested(depth) },
      ]),
      withBody(fc.integer({ min: 500, max: 3_000 }), (depth) => [
        'body-json:deep-object',
        { json: deeplyNestedObject(depth) },
      ]),
      withBody(fc.integer({ min: MiB, max: MiB + 64 * 1024 }), (size, valid) => [
        'body-json:oversize',
        { json: { ...valid, padding: 'x'.repeat(size) } },
      ]),
    );

    const schema = resolve(bodySchema, doc);
    const properties = Object.entries((schema?.properties ?? {}) as Record<string, Schema>);
    const required = (schema?.required ?? []) as string[];
    if (required.length > 0) {
      add(
        'body-missing',
        withBody(fc.subarray(required, { minLength: 1 }), (names, valid) => {
          const body = { ...valid };
          for (const name of names) delete body[name];
          return [`body-missing:${names.join('+')}`, { json: body }];
        }),
      );
    }
    if (properties.length > 0) {
      add(
        'body-type',
        ...properties.map(([name, property]) =>
          withBody(wrongTypeArb(property, doc), (wrong, valid) => [
            `body-type:${name}:${wrong.label}`,
            { json: { ...valid, [name]: wrong.value } },
          ]),
        ),
      );
      const bounds = properties.flatMap(([name, property]) => {
        const arb = boundViolationArb(property, values);
        return arb
          ? [
              withBody(arb, (bad, valid) => [
                `body-bounds:${name}:${bad.label}`,
                { json: { ...valid, [name]: bad.value } },
              ]),
            ]
          : [];
      });
      add('body-bounds', ...bounds);
      add(
        'body-nesting',
        ...properties.map(([name]) =>
          withBody(fc.integer({ min: 500, max: 4_000 }), (depth, valid) => [
            `body-nesting:${name}`,
            { json: { ...valid, [name]: deeplyNested(depth) } },
          ]),
        ),
        ...properties.map(([name]) =>
          withBody(fc.constant(null), (_, valid) => [
            `body-duplicate-key:${name}`,
            {
              raw: toJson(valid).replace(
                /\}$/,
                `${Object.keys(valid).length > 0 ? ',' : ''}"${name}":{"again":[1]}}`,
              ),
            },
          ]),
        ),
      );
    }

    const contentType = fc.oneof(
      pick<[string, string]>([
        ['missing', ''],
        ['text-plain', 'text/plain'],
        ['xml', 'application/xml'],
        ['form', 'application/x-www-form-urlencoded'],
        ['multipart-no-boundary', 'multipart/form-data'],
        ['utf16', 'application/json; charset=utf-16'],
        ['unknown-charset', 'application/json; charset=fuzz-8'],
        ['semicolons', 'application/json;;;'],
        ['vendor', 'application/vnd.kavosh+json'],
        ['long', `application/${'x'.repeat(3_000)}`],
        ['wildcard', '*/*'],
      ]),
      fc
        .stringMatching(/^[a-z*]{1,12}\/[a-z0-9.+*-]{1,20}(;[ a-z]{0,8}=?[^\s;,]{0,16}){0,3}$/)
        .map((type): [string, string] => ['random', type]),
    );
    add(
      'content-type',
      on(contentType, (draft, [label, type]) => {
        draft.contentType = type;
        return `content-type:${label}`;
      }),
      on(fc.constantFrom('gzip', 'deflate', 'br', 'x-fuzz'), (draft, encoding) => {
        draft.headers = [...draft.headers, ['content-encoding', encoding]];
        return `content-type:${encoding}-not-encoded`;
      }),
    );
  } else if (op.method !== 'GET' && otherTypes.length === 0) {
    add(
      'body-unexpected',
      on(fc.jsonValue({ maxDepth: 2 }), (draft, value) => {
        draft.body = { raw: JSON.stringify(value) ?? 'null' };
        return 'body-unexpected:json';
      }),
      on(anyText(1, 40), (draft, text) => {
        draft.body = { raw: `{${text}` };
        return 'body-unexpected:invalid-json';
      }),
    );
  }

  if (otherTypes.some((type) => type.startsWith('multipart/'))) {
    const part = (boundary: string, headers: string, content: string) =>
      `--${boundary}\r\n${headers}\r\n\r\n${content}\r\n`;
    const multipart = fc
      .tuple(
        fc.stringMatching(/^[a-zA-Z0-9]{12,30}$/),
        fc.constantFrom(
          'no-parts',
          'truncated',
          'wrong-boundary',
          'not-an-image',
          'traversal-name',
          'field-only',
        ),
        fc.uint8Array({ maxLength: 64 }),
      )
      .map(([boundary, label, bytes]): [string, string, string] => {
        const png = `Content-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png`;
        const junk = Buffer.from(bytes).toString('latin1');
        switch (label) {
          case 'no-parts':
            return [label, `--${boundary}--\r\n`, boundary];
          case 'truncated':
            return [label, part(boundary, png, junk), boundary];
          case 'wrong-boundary':
            return [
              label,
              part(boundary, 'Content-Disposition: form-data; name="file"', junk),
              'other',
            ];
          case 'not-an-image':
            return [label, `${part(boundary, png, junk)}--${boundary}--\r\n`, boundary];
          case 'traversal-name':
            return [
              label,
              `${part(boundary, png.replace('a.png', '../../x.png'), `\u0089PNG${junk}`)}--${boundary}--\r\n`,
              boundary,
            ];
          default:
            return [
              label,
              `${part(boundary, 'Content-Disposition: form-data; name="other"', 'x'.repeat(10_000))}--${boundary}--\r\n`,
              boundary,
            ];
        }
      });
    add(
      'multipart',
      on(multipart, (draft, [label, raw, declared]) => {
        draft.body = { raw: Buffer.from(raw, 'latin1') };
        draft.contentType = `multipart/form-data; boundary=${declared}`;
        return `multipart:${label}`;
      }),
      on(fc.constant(null), (draft) => {
        draft.body = { json: { file: 'x' } };
        draft.contentType = 'application/json';
        return 'multipart:json-instead';
      }),
    );
  }

  const token = ctx.tokenFor(roles ?? ['user']);
  const authorization = fc.oneof(
    pick<[string, string[]]>([
      ['bearer-empty', ['Bearer']],
      ['bearer-space', ['Bearer ']],
      ['bearer-three-dots', ['Bearer a.b.c']],
      ['basic', ['Basic Zm9vOmJhcg==']],
      ['lower-case-scheme', [`bearer ${token}`]],
      ['tampered', [`Bearer ${token.slice(0, -2)}xx`]],
      ['alg-none', [`Bearer ${unsignedToken()}`]],
      ['oversize', [`Bearer ${'A'.repeat(8_000)}`]],
      ['two-headers', [`Bearer ${token}`, 'Bearer x']],
      ['latin1', ['Bearer caf\u00e9']],
    ]),
    headerText(1, 200).map((text): [string, string[]] => ['bearer-random', [`Bearer ${text}`]]),
    fc
      .tuple(fc.nat(token.length - 1), latin1Char)
      .map(([at, c]): [string, string[]] => [
        'token-char-changed',
        [`Bearer ${token.slice(0, at)}${c}${token.slice(at + 1)}`],
      ]),
  );
  add(
    'authorization',
    on(
      authorization,
      (draft, [label, headers]) => {
        for (const value of headers) draft.headers.push(['authorization', value]);
        return `authorization:${label}`;
      },
      'anonymous',
    ),
  );

  const cookie = fc.oneof(
    pick<[string, string[]]>([
      ['separators-only', ['=;;;']],
      ['bad-percent', ['kavosh_refresh=%zz; kavosh_csrf=%E0%A4%A']],
      ['oversize', [`kavosh_refresh=${'a'.repeat(6_000)}`]],
      ['twice', ['kavosh_refresh=aaaaaaaaaaaaaaaaaaaaaa; kavosh_refresh=bbbbbbbbbbbbbbbbbbbbbb']],
      ['quoted', ['kavosh_refresh="aaaaaaaaaaaaaaaaaaaa"; kavosh_csrf="']],
      ['latin1', ['kavosh_csrf=caf\u00e9']],
      ['proto', ['__proto__=1; constructor=2; hasOwnProperty=3']],
      ['no-equals', ['kavosh_refresh']],
      ['two-headers', ['a=1', 'kavosh_refresh=%']],
      ['version-attribute', ['$Version=1; kavosh_refresh="x"; $Path="/"']],
    ]),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom('kavosh_refresh', 'kavosh_csrf'), headerText(0, 12)),
          fc.oneof(headerText(0, 60), invalidUtf8),
        ),
        { minLength: 1, maxLength: 5 },
      )
      .map((kv): [string, string[]] => ['random', [kv.map(([k, v]) => `${k}=${v}`).join('; ')]]),
  );
  add(
    'cookie',
    on(cookie, (draft, [label, headers]) => {
      for (const value of headers) draft.headers.push(['cookie', value]);
      return `cookie:${label}`;
    }),
  );

  if (op.method !== 'GET') {
    const key = fc.oneof(
      pick<[string, string[]]>([
        ['empty', ['']],
        ['short', ['abc']],
        ['space', ['has space in it']],
        ['separators', ['a;b,c"d']],
        ['traversal', ['../../../../x']],
        ['latin1', ['cl\u00e9-idempotence']],
      ]),
      headerText(200, 400).map((k): [string, string[]] => ['oversize', [k]]),
      headerText(0, 40).map((k): [string, string[]] => ['random', [k]]),
      fc
        .tuple(fc.uuid(), fc.uuid())
        .map(([a, b]): [string, string[]] => ['two-headers', [`fuzz-${a}`, `fuzz-${b}`]]),
    );
    add(
      'idempotency-key',
      on(key, (draft, [label, keys]) => {
        draft.headers = draft.headers.filter(([name]) => name !== 'idempotency-key');
        for (const value of keys) draft.headers.push(['idempotency-key', value]);
        return `idempotency-key:${label}`;
      }),
    );
  }

  if (headerParams.some((p) => p.name === 'if-match' || p.name === 'if-none-match')) {
    const name = headerParams.some((p) => p.name === 'if-match') ? 'if-match' : 'if-none-match';
    const tag = fc.oneof(
      pick<[string, string]>([
        ['star', '*'],
        ['quote', '"'],
        ['weak', 'W/"v1"'],
        ['negative', '"v-1"'],
        ['overflow', '"v99999999999999999999"'],
        ['list', '"v1", "v2"'],
        ['empty-quoted', '""'],
        ['oversize', `"${'v'.repeat(300)}"`],
      ]),
      headerText(0, 40).map((t): [string, string] => ['random', t]),
      fc
        .bigInt({ min: 0n, max: 10n ** 40n })
        .map((n): [string, string] => ['big-version', `"v${n}"`]),
    );
    add(
      name,
      on(tag, (draft, [label, value]) => {
        draft.headers = [...draft.headers.filter(([n]) => n !== name), [name, value]];
        return `${name}:${label}`;
      }),
    );
  }

  const header = fc.oneof(
    pick<[string, [string, string][]]>([
      ['accept-xml', [['accept', 'application/xml']]],
      ['accept-malformed', [['accept', '*/*;q=abc, ;;, text/']]],
      ['traceparent-malformed', [['traceparent', '00-zzzz-yyyy-01']]],
      ['traceparent-oversize', [['traceparent', `00-${'f'.repeat(2_000)}-01`]]],
      ['request-id-oversize', [['x-request-id', 'r'.repeat(4_000)]]],
      ['forwarded-for-garbage', [['x-forwarded-for', 'not-an-ip, ::::, 999.1.1.1']]],
      ['origin-null', [['origin', 'null']]],
      ['range-malformed', [['range', 'bytes=abc-']]],
      ['host-odd', [['host', 'evil.example:99999']]],
      // Past Node's 16 KiB header limit: refused by the HTTP parser, before any route.
      ['overflow-20KiB', [['x-fuzz-padding', 'p'.repeat(20_480)]]],
    ]),
    fc
      .tuple(
        fc.constantFrom(
          'accept',
          'traceparent',
          'x-request-id',
          'x-forwarded-for',
          'origin',
          'range',
          'accept-language',
        ),
        headerText(0, 120),
      )
      .map(([name, value]): [string, [string, string][]] => [`random-${name}`, [[name, value]]]),
  );
  add(
    'header',
    on(header, (draft, [label, extra]) => {
      draft.headers.push(...extra);
      return `header:${label}`;
    }),
  );
  return categories;
}

/** The request a draft writes. */
function render(op: Op, label: string, draft: Draft, ctx: CaseContext): FuzzRequest {
  let path = op.path.replace(/\{([^}]+)\}/g, (_all, name: string) => draft.pathParams[name] ?? '');
  const query = draft.rawQuery ?? draft.query.map(([k, v]) => `${k}=${v}`).join('&');
  if (query !== '') path += `?${query}`;
  const headers: [string, string][] = [...draft.headers];
  if (draft.principal && !headers.some(([name]) => name === 'authorization')) {
    headers.push(['authorization', `Bearer ${ctx.tokenFor(draft.principal)}`]);
  }
  let body: Buffer | undefined;
  if (draft.body) {
    body = Buffer.from(
      'json' in draft.body ? toJson(draft.body.json) : draft.body.raw,
      // Raw strings are written as UTF-8; Buffers as given.
    );
    const type = draft.contentType ?? 'application/json';
    if (type !== '') headers.push(['content-type', type]);
  }
  return {
    operation: op.name,
    case: label,
    principal: draft.principal ? draft.principal.join('+') : 'anonymous',
    method: op.method,
    path,
    headers,
    ...(body ? { body } : {}),
  };
}

/** A seed for `label` under `seed` (FNV-1a): an operation's cases do not move when another is added. */
export function seedFor(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < label.length; i += 1) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** `count` cases of one category, deterministic for the seed, the operation and the category. */
const draw = (op: Op, ctx: CaseContext, [name, arb]: Category, count: number, salt = ''): Case[] =>
  count <= 0
    ? []
    : fc.sample(arb, { seed: seedFor(ctx.seed, `${salt}${op.name} ${name}`), numRuns: count });

/**
 * `count` requests for an operation, deterministic for the seed and the operation's name: a few
 * valid-shaped and anonymous cases, then the other categories in turn, so that every kind of input
 * is reached whatever the count.
 */
export function requestsFor(op: Op, ctx: CaseContext, count: number): FuzzRequest[] {
  const categories = categoriesOf(op, ctx);
  const first = categories.filter(([name]) => name === 'valid' || name === 'anonymous');
  const rest = categories.filter(([name]) => name !== 'valid' && name !== 'anonymous');
  const chosen = first.flatMap((category, i) => draw(op, ctx, category, 2, String(i)));
  const left = Math.max(count - chosen.length, 0);
  rest.forEach((category, i) => {
    const share = Math.floor(left / rest.length) + (i < left % rest.length ? 1 : 0);
    chosen.push(...draw(op, ctx, category, share));
  });
  return chosen.slice(0, count).map((c) => render(op, c.label, c.draft, ctx));
}

/** `items` in an order drawn from the seed. */
export const shuffled = <T>(items: readonly T[], seed: number): T[] =>
  fc.sample(fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length }), {
    seed,
    numRuns: 1,
  })[0] ?? [...items];

/**
 * A plain read of a listing (no path parameters): required parameters only, the smallest page,
 * so that a listing with a few rows hands out a cursor.
 */
export function listingRequest(op: Op, ctx: CaseContext): FuzzRequest {
  const values: ValueContext = { doc: ctx.doc };
  const query: [string, string][] = parametersOf(op, 'query')
    .filter((p) => p.required || /^(limit|pageSize|size)$/.test(p.name))
    .map((p) => {
      const schema = resolve(p.schema, ctx.doc);
      if (/^(limit|pageSize|size)$/.test(p.name)) return [p.name, String(schema?.minimum ?? 1)];
      const [value] = fc.sample(validArb(schema, values, p.name), {
        seed: seedFor(ctx.seed, `listing ${op.name} ${p.name}`),
        numRuns: 1,
      });
      return [p.name, encodeComponent(String(value))];
    });
  const draft: Draft = { principal: rolesFor(op), pathParams: {}, query, headers: [] };
  return render(op, 'valid:listing', draft, ctx);
}

/** Valid-shaped requests only (the harvest and creation phases). */
export function validRequestsFor(op: Op, ctx: CaseContext, count: number): FuzzRequest[] {
  const valid = categoriesOf(op, ctx).find(([name]) => name === 'valid');
  return (valid ? draw(op, ctx, valid, count, 'valid ') : []).map((c) =>
    render(op, c.label, c.draft, ctx),
  );
}
