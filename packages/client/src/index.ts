import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/**
 * A typed client of the Kavosh public API: every path, parameter, body and answer comes from the
 * types generated from the gateway's merged OpenAPI document (src/schema.d.ts), so a call the
 * document does not describe does not compile. Its calls have openapi-fetch's shape
 * (`client.GET('/api/catalog/movies/{id}', { params: { path: { id } } })` → `{ data, error,
 * response }`).
 */

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

interface Operation {
  parameters: { query?: unknown; header?: unknown; path?: unknown; cookie?: unknown };
  requestBody?: unknown;
  responses: object;
}

/** The paths that have an operation for this method. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends { [K in M]: Operation } ? P : never;
}[keyof paths];

type OperationOf<P extends keyof paths, M extends HttpMethod> = paths[P] extends {
  [K in M]: infer O extends Operation;
}
  ? O
  : never;

type Ok = 200 | 201 | 202 | 203 | 204 | 206;
type Answer<R> = R extends { content: infer C } ? C[keyof C] : undefined;
type Responses<O extends Operation> = O['responses'];

/** The body of the operation's success answers. */
export type DataOf<O extends Operation> = Answer<
  Responses<O>[Extract<keyof Responses<O>, Ok> & keyof Responses<O>]
>;
/** The body of its error answers: problem details. */
export type ErrorOf<O extends Operation> = Answer<
  Responses<O>[Exclude<keyof Responses<O>, Ok> & keyof Responses<O>]
>;

type JsonBody<O extends Operation> = O['requestBody'] extends { content: infer C }
  ? C extends { 'application/json': infer B }
    ? B
    : never
  : never;

type Defined<T> = Exclude<T, undefined>;
type Params<O extends Operation> = (undefined extends O['parameters']['path']
  ? { path?: O['parameters']['path'] }
  : { path: O['parameters']['path'] }) & {
  query?: O['parameters']['query'];
  header?: Defined<O['parameters']['header']> extends never
    ? Record<string, string>
    : O['parameters']['header'] & Record<string, string>;
};

/** What a call takes: the operation's parameters, its JSON body, and more headers. */
export type RequestOptions<O extends Operation> = {
  headers?: Record<string, string>;
  signal?: AbortSignal;
} & ([JsonBody<O>] extends [never] ? { body?: never } : { body: JsonBody<O> }) &
  (undefined extends O['parameters']['path'] ? { params?: Params<O> } : { params: Params<O> });

/** A call's outcome: the parsed success body as `data`, or the problem details as `error`. */
export type FetchResult<O extends Operation> =
  | { data: DataOf<O>; error?: undefined; response: Response }
  | { data?: undefined; error: ErrorOf<O>; response: Response };

export interface KavoshClientOptions {
  /** The gateway, e.g. `http://localhost:8080` (paths carry their `/api/<service>` prefix). */
  baseUrl: string;
  /** Headers sent with every call (a call's own headers win). */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

type Call<M extends HttpMethod> = <P extends PathsWith<M>>(
  path: P,
  ...options: undefined extends OperationOf<P, M>['parameters']['path']
    ? [JsonBody<OperationOf<P, M>>] extends [never]
      ? [RequestOptions<OperationOf<P, M>>?]
      : [RequestOptions<OperationOf<P, M>>]
    : [RequestOptions<OperationOf<P, M>>]
) => Promise<FetchResult<OperationOf<P, M>>>;

export interface KavoshClient {
  GET: Call<'get'>;
  POST: Call<'post'>;
  PUT: Call<'put'>;
  PATCH: Call<'patch'>;
  DELETE: Call<'delete'>;
}

interface UntypedOptions {
  params?: { path?: object; query?: object; header?: object };
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const scalar = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

/** `/movies/{id}` with `{ id: 'a b' }` → `/movies/a%20b`; a missing parameter throws. */
export function fillPath(template: string, values: object = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_all, name: string) => {
    const value: unknown = (values as Record<string, unknown>)[name];
    if (value === undefined || value === null)
      throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(scalar(value));
  });
}

/** Query parameters in order; an array repeats its name (`?tag=a&tag=b`), undefined is left out. */
export function queryString(values: object = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) query.append(name, scalar(item));
    }
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** A client of the gateway at `baseUrl`; see KavoshClient. */
export function createKavoshClient(options: KavoshClientOptions): KavoshClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchFn = options.fetch ?? fetch;
  const call =
    (method: string) =>
    async (path: string, init: UntypedOptions = {}): Promise<FetchResult<Operation>> => {
      const headers: Record<string, string> = {
        ...options.headers,
        ...(init.params?.header as Record<string, string> | undefined),
        ...init.headers,
      };
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetchFn(
        `${base}${fillPath(path, init.params?.path)}${queryString(init.params?.query)}`,
        {
          method,
          headers,
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
          ...(init.signal ? { signal: init.signal } : {}),
        },
      );
      const text = await response.text();
      const body: unknown =
        text !== '' && JSON_TYPE.test(response.headers.get('content-type') ?? '')
          ? JSON.parse(text)
          : text === ''
            ? undefined
            : text;
      return response.ok
        ? ({ data: body, response } as FetchResult<Operation>)
        : ({ error: body, response } as FetchResult<Operation>);
    };
  return {
    GET: call('GET'),
    POST: call('POST'),
    PUT: call('PUT'),
    PATCH: call('PATCH'),
    DELETE: call('DELETE'),
  } as unknown as KavoshClient;
}
