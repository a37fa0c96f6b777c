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
import { Rng } from './rng.js';
import {
  boundViolations,
  deeplyNested,
  deeplyNestedObject,
  toJson,
  validValue,
  wrongTypes,
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

interface Case {
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
 * encoding: garbage, other encodings of plausible positions, positions out of any column's range.
 */
function oddCursors(rng: Rng, seen: readonly string[]): { label: string; value: string }[] {
  const id = rng.uuid();
  const out = [
    { label: 'garbage', value: '!!!not-a-cursor!!!' },
    { label: 'base64-json-object', value: b64url('{"id":1,"at":"never"}') },
    { label: 'base64-json-null', value: b64url('null') },
    { label: 'base64-array-huge-time', value: b64url(JSON.stringify([8.64e15 + 1, id])) },
    { label: 'base64-array-wrong-types', value: b64url(JSON.stringify([id, 'x', -1.5])) },
    { label: 'base64-dotted-far-future', value: b64url(`999999999999999.${id}`) },
    { label: 'base64-dotted-negative', value: b64url(`-1.${id}`) },
    { label: 'base64-invalid-utf8', value: Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url') },
    { label: 'uuid', value: id },
    { label: 'oversize', value: 'A'.repeat(5_000) },
  ];
  // The system's own cursors, with each element turned into something it never wrote.
  for (const cursor of seen.slice(0, 2)) {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    let decoded: unknown;
    try {
      decoded = JSON.parse(text);
    } catch {
      decoded = undefined;
    }
    if (Array.isArray(decoded)) {
      decoded.forEach((element, i) => {
        const mutated = [...decoded];
        mutated[i] = typeof element === 'number' ? 1e21 : 'x'.repeat(81);
        out.push({ label: `seen-element-${i}`, value: b64url(JSON.stringify(mutated)) });
      });
    } else if (text.includes('.')) {
      out.push({ label: 'seen-first-part', value: b64url(`9${text}`) });
    }
    out.push({ label: 'seen-truncated', value: cursor.slice(0, -3) });
  }
  return out;
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
function oddQueryValues(schema: Schema | undefined, doc: unknown) {
  const resolved = resolve(schema, doc) ?? {};
  const type = typeOf(resolved, doc);
  const out: { label: string; value: string }[] = [
    { label: 'empty', value: '' },
    { label: 'bad-percent', value: '%zz' },
    { label: 'nul', value: '%00' },
  ];
  if (type === 'integer' || type === 'number') {
    out.push(
      { label: 'word', value: 'abc' },
      { label: 'negative', value: '-1' },
      { label: 'fraction', value: '1.5' },
      { label: 'exponent', value: '1e309' },
      { label: 'overflow', value: '99999999999999999999' },
      { label: 'hex', value: '0x10' },
      { label: 'nan', value: 'NaN' },
    );
  } else if (type === 'boolean') {
    out.push({ label: 'maybe', value: 'maybe' }, { label: 'two', value: '2' });
  } else {
    const max = typeof resolved.maxLength === 'number' ? resolved.maxLength : 1_000;
    out.push(
      { label: 'max-length+1', value: 'a'.repeat(max + 1) },
      { label: 'unicode', value: encodeURIComponent('کاوش🎬\u202e') },
      { label: 'invalid-utf8', value: '%ff%fe' },
      { label: 'lone-surrogate', value: '%ED%A0%80' },
    );
  }
  if (Array.isArray(resolved.enum)) out.push({ label: 'not-in-enum', value: 'NOT_A_CHOICE' });
  if (resolved.format === 'uuid') out.push({ label: 'not-a-uuid', value: 'not-a-uuid' });
  return out;
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

/** The cases for one operation, before the cap. */
function allCases(op: Op, ctx: CaseContext, rng: Rng): Case[] {
  const { doc, knowledge } = ctx;
  const roles = rolesFor(op);
  const values: ValueContext = {
    rng,
    doc,
    idFor: (field) => {
      const known = knowledge.ids.get(collectionOfField(field) ?? '');
      return known && known.length > 0 && rng.chance(0.7) ? rng.pick(known) : undefined;
    },
  };
  const headerValues: ValueContext = { ...values, header: true };
  const pathParams = parametersOf(op, 'path');
  const queryParams = parametersOf(op, 'query');
  const headerParams = parametersOf(op, 'header');
  const bodySchema = jsonBodyOf(op, doc);
  const otherTypes = otherBodyTypesOf(op);

  const pathValue = (p: Parameter) => {
    const known = knowledge.ids.get(collectionOf(op.path, p.name) ?? '');
    if (known && known.length > 0 && rng.chance(0.7)) return rng.pick(known);
    return encodeComponent(String(validValue(p.schema, values, p.name)));
  };
  /** `who`: the route's roles (its token), anonymous, or a token with other roles. */
  const base = (optional: boolean, who: 'route' | 'anonymous' | string[] = 'route'): Draft => ({
    principal: who === 'route' ? roles : who === 'anonymous' ? undefined : who,
    pathParams: Object.fromEntries(pathParams.map((p) => [p.name, pathValue(p)])),
    query: queryParams
      .filter((p) => p.required || (optional && rng.chance(0.5)))
      .map((p) => [p.name, encodeComponent(String(validValue(p.schema, values, p.name)))]),
    headers: headerParams
      .filter((p) => p.required || (optional && rng.chance(0.5)))
      .map((p) => [p.name, String(validValue(p.schema, headerValues, p.name))]),
    ...(bodySchema ? { body: { json: validValue(bodySchema, values) } } : {}),
  });
  const cases: Case[] = [];
  const add = (label: string, draft: Draft) => cases.push({ label, draft });

  // Valid-shaped requests with odd-but-valid content: handlers run on them.
  for (let i = 0; i < (bodySchema ? 4 : 2); i += 1) add(`valid:random-${i}`, base(true));
  if (!isPublic(op)) {
    add('anonymous:valid', base(true, 'anonymous'));
    const anonymous = base(false, 'anonymous');
    if (bodySchema) anonymous.body = { raw: '{"broken":' };
    add('anonymous:malformed', anonymous);
  } else {
    add('valid:with-user-token', base(true, ['user']));
  }

  for (const p of pathParams) {
    for (const odd of ODD_SEGMENTS) {
      const draft = base(false);
      draft.pathParams[p.name] = odd.value;
      add(`path:${p.name}:${odd.label}`, draft);
    }
    const draft = base(false);
    draft.pathParams[p.name] = (draft.pathParams[p.name] ?? '').toUpperCase();
    add(`path:${p.name}:upper-case`, draft);
  }

  for (const p of queryParams) {
    const odd = /cursor/i.test(p.name)
      ? oddCursors(rng, knowledge.cursors.get(op.name) ?? [])
      : oddQueryValues(p.schema, doc);
    for (const { label, value } of odd) {
      const draft = base(false);
      draft.query = [...draft.query.filter(([name]) => name !== p.name), [p.name, value]];
      add(`query:${p.name}:${label}`, draft);
    }
    const draft = base(false);
    const one = encodeComponent(String(validValue(p.schema, values, p.name)));
    draft.query = [...draft.query, [p.name, one], [p.name, one]];
    add(`query:${p.name}:duplicate`, draft);
  }
  const queryShapes: [string, string][] = [
    ['unknown-param', 'fuzzUnknown=1'],
    ['brackets', 'a[b][c]=1&limit[$gt]=1'],
    ['proto', '__proto__[polluted]=1&constructor[prototype][polluted]=1'],
    ['bad-encoding', '%=%&%zz=%zz&&&='],
    ['many-params', Array.from({ length: 1_000 }, (_, i) => `p${i}=${i}`).join('&')],
  ];
  for (const [label, raw] of queryShapes) {
    const draft = base(false);
    draft.rawQuery = [...draft.query.map(([k, v]) => `${k}=${v}`), raw].join('&');
    add(`query-shape:${label}`, draft);
  }

  if (bodySchema) {
    const valid = () => {
      const value = validValue(bodySchema, values);
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {};
    };
    const withBody = (label: string, body: Draft['body'], contentType?: string) => {
      const draft = base(false);
      draft.body = body;
      if (contentType !== undefined) draft.contentType = contentType;
      add(label, draft);
    };
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
    ];
    invalidJson.forEach((raw, i) => withBody(`body-json:invalid-${i}`, { raw }));
    withBody('body-json:invalid-utf8', {
      raw: Buffer.concat([
        Buffer.from('{"a":"'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('"}'),
      ]),
    });
    withBody('body-json:empty', { raw: '' });
    for (const raw of ['[]', 'null', '"text"', '42', 'true', '[{}]']) {
      withBody(`body-json:not-object-${raw}`, { raw });
    }
    withBody('body-json:empty-object', { json: {} });
    withBody('body-json:extra-field', { json: { ...valid(), fuzzUnknownField: 'x' } });
    withBody('body-json:proto', {
      raw: toJson(valid()).replace(/^\{/, '{"__proto__":{"polluted":true},'),
    });
    withBody('body-json:constructor', {
      json: { ...valid(), constructor: { prototype: { polluted: true } } },
    });
    withBody('body-json:deep-array', { json: deeplyNested(5_000) });
    withBody('body-json:deep-object', { json: deeplyNestedObject(2_000) });
    withBody('body-json:oversize-1MiB', { json: { ...valid(), padding: 'x'.repeat(MiB) } });

    const properties = (resolve(bodySchema, doc)?.properties ?? {}) as Record<string, Schema>;
    const required = (resolve(bodySchema, doc)?.required ?? []) as string[];
    for (const name of required) {
      const body = valid();
      delete body[name];
      withBody(`body-missing:${name}`, { json: body });
    }
    for (const [name, schema] of Object.entries(properties)) {
      for (const wrong of wrongTypes(schema, doc)) {
        withBody(`body-type:${name}:${wrong.label}`, { json: { ...valid(), [name]: wrong.value } });
      }
      for (const bad of boundViolations(schema, values)) {
        withBody(`body-bounds:${name}:${bad.label}`, { json: { ...valid(), [name]: bad.value } });
      }
      withBody(`body-nesting:${name}`, { json: { ...valid(), [name]: deeplyNested(3_000) } });
      const first = valid();
      withBody(`body-duplicate-key:${name}`, {
        raw: toJson(first).replace(
          /\}$/,
          `${Object.keys(first).length > 0 ? ',' : ''}"${name}":{"again":[1]}}`,
        ),
      });
    }

    const contentTypes: [string, string | undefined][] = [
      ['missing', undefined],
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
    ];
    for (const [label, type] of contentTypes) {
      const draft = base(false);
      draft.contentType = type ?? '';
      add(`content-type:${label}`, draft);
    }
    const gzip = base(false);
    gzip.headers = [...gzip.headers, ['content-encoding', 'gzip']];
    add('content-type:gzip-not-gzip', gzip);
  } else if (op.method !== 'GET' && otherTypes.length === 0) {
    const draft = base(false);
    draft.body = { json: { unexpected: true } };
    add('body-unexpected:json', draft);
    const garbage = base(false);
    garbage.body = { raw: '{not json' };
    add('body-unexpected:invalid-json', garbage);
  }

  if (otherTypes.some((type) => type.startsWith('multipart/'))) {
    const boundary = `fuzz${rng.hex(12)}`;
    const part = (headers: string, content: string) =>
      `--${boundary}\r\n${headers}\r\n\r\n${content}\r\n`;
    const multipart: [string, string, string][] = [
      ['no-parts', `--${boundary}--\r\n`, boundary],
      [
        'truncated',
        part('Content-Disposition: form-data; name="file"; filename="a.png"', 'x'),
        boundary,
      ],
      ['wrong-boundary', part('Content-Disposition: form-data; name="file"', 'x'), 'other'],
      [
        'not-an-image',
        `${part('Content-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png', 'not a png')}--${boundary}--\r\n`,
        boundary,
      ],
      [
        'traversal-name',
        `${part('Content-Disposition: form-data; name="file"; filename="../../x.png"\r\nContent-Type: image/png', '\u0089PNG')}--${boundary}--\r\n`,
        boundary,
      ],
      [
        'field-only',
        `${part('Content-Disposition: form-data; name="other"', 'x'.repeat(10_000))}--${boundary}--\r\n`,
        boundary,
      ],
    ];
    for (const [label, raw, declared] of multipart) {
      const draft = base(false);
      draft.body = { raw };
      draft.contentType = `multipart/form-data; boundary=${declared}`;
      add(`multipart:${label}`, draft);
    }
    const json = base(false);
    json.body = { json: { file: 'x' } };
    json.contentType = 'application/json';
    add('multipart:json-instead', json);
  }

  const authorizations: [string, (token: string) => string[]][] = [
    ['bearer-empty', () => ['Bearer']],
    ['bearer-space', () => ['Bearer ']],
    ['bearer-garbage', () => ['Bearer x']],
    ['bearer-three-dots', () => ['Bearer a.b.c']],
    ['basic', () => ['Basic Zm9vOmJhcg==']],
    ['lower-case-scheme', (token) => [`bearer ${token}`]],
    ['tampered', (token) => [`Bearer ${token.slice(0, -2)}xx`]],
    ['alg-none', () => [`Bearer ${unsignedToken()}`]],
    ['oversize', () => [`Bearer ${'A'.repeat(8_000)}`]],
    ['two-headers', (token) => [`Bearer ${token}`, 'Bearer x']],
    ['latin1', () => ['Bearer caf\u00e9']],
  ];
  for (const [label, values] of authorizations) {
    const draft = base(false, 'anonymous');
    for (const value of values(ctx.tokenFor(roles ?? ['user']))) {
      draft.headers.push(['authorization', value]);
    }
    add(`authorization:${label}`, draft);
  }

  const cookies: [string, string[]][] = [
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
  ];
  for (const [label, values] of cookies) {
    const draft = base(false);
    for (const value of values) draft.headers.push(['cookie', value]);
    add(`cookie:${label}`, draft);
  }

  if (op.method !== 'GET') {
    const keys: [string, string[]][] = [
      ['empty', ['']],
      ['short', ['abc']],
      ['oversize', ['k'.repeat(300)]],
      ['space', ['has space in it']],
      ['separators', ['a;b,c"d']],
      ['traversal', ['../../../../x']],
      ['latin1', ['cl\u00e9-idempotence']],
      ['two-headers', [`fuzz-${rng.hex(16)}`, `fuzz-${rng.hex(16)}`]],
    ];
    for (const [label, values] of keys) {
      const draft = base(false);
      draft.headers = draft.headers.filter(([name]) => name !== 'idempotency-key');
      for (const value of values) draft.headers.push(['idempotency-key', value]);
      add(`idempotency-key:${label}`, draft);
    }
  }

  if (headerParams.some((p) => p.name === 'if-match' || p.name === 'if-none-match')) {
    const name = headerParams.some((p) => p.name === 'if-match') ? 'if-match' : 'if-none-match';
    for (const [label, value] of [
      ['star', '*'],
      ['quote', '"'],
      ['weak', 'W/"v1"'],
      ['negative', '"v-1"'],
      ['overflow', '"v99999999999999999999"'],
      ['list', '"v1", "v2"'],
      ['empty-quoted', '""'],
      ['oversize', `"${'v'.repeat(300)}"`],
    ]) {
      const draft = base(false);
      draft.headers = [...draft.headers.filter(([n]) => n !== name), [name, value ?? '']];
      add(`${name}:${label}`, draft);
    }
  }

  const headers: [string, [string, string][]][] = [
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
  ];
  for (const [label, extra] of headers) {
    const draft = base(false);
    draft.headers.push(...extra);
    add(`header:${label}`, draft);
  }
  return cases;
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

/**
 * At most `cap` requests for an operation, deterministic for the seed and the operation's name:
 * every valid-shaped and anonymous case, then the other categories in turn (a random case of
 * each), so a cap below the total still reaches every kind of input.
 */
export function requestsFor(op: Op, ctx: CaseContext, cap: number): FuzzRequest[] {
  const rng = Rng.derive(ctx.seed, op.name);
  const cases = allCases(op, ctx, rng);
  const byCategory = new Map<string, Case[]>();
  for (const c of cases) {
    const category = c.label.split(':')[0] ?? '';
    byCategory.set(category, [...(byCategory.get(category) ?? []), c]);
  }
  const chosen: Case[] = [
    ...(byCategory.get('valid') ?? []),
    ...(byCategory.get('anonymous') ?? []),
  ];
  byCategory.delete('valid');
  byCategory.delete('anonymous');
  const queues = [...byCategory.values()].map((list) => rng.shuffle(list));
  while (chosen.length < cap && queues.some((queue) => queue.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && chosen.length < cap) chosen.push(next);
    }
  }
  return chosen.map((c) => render(op, c.label, c.draft, ctx));
}

/**
 * A plain read of a listing (no path parameters): required parameters only, the smallest page,
 * so that a listing with a few rows hands out a cursor.
 */
export function listingRequest(op: Op, ctx: CaseContext): FuzzRequest {
  const rng = Rng.derive(ctx.seed, `listing ${op.name}`);
  const values: ValueContext = { rng, doc: ctx.doc };
  const query: [string, string][] = parametersOf(op, 'query')
    .filter((p) => p.required || /^(limit|pageSize|size)$/.test(p.name))
    .map((p) => {
      const schema = resolve(p.schema, ctx.doc);
      if (/^(limit|pageSize|size)$/.test(p.name)) return [p.name, String(schema?.minimum ?? 1)];
      return [p.name, encodeComponent(String(validValue(schema, values, p.name)))];
    });
  const draft: Draft = {
    principal: rolesFor(op),
    pathParams: {},
    query,
    headers: [],
  };
  return render(op, 'valid:listing', draft, ctx);
}

/** Valid-shaped requests only (the harvest and creation phases). */
export function validRequestsFor(op: Op, ctx: CaseContext, count: number): FuzzRequest[] {
  const rng = Rng.derive(ctx.seed, `valid ${op.name}`);
  return allCases(op, ctx, rng)
    .filter((c) => c.label.startsWith('valid:random'))
    .slice(0, count)
    .map((c) => render(op, c.label, c.draft, ctx));
}
