/**
 * The operations of the gateway's merged `/openapi.json`, read the way
 * e2e/test/openapi-policies.test.ts reads them (its helpers are not exported).
 */

export type Schema = Record<string, unknown>;

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}

type UserAccess = 'public' | 'authenticated' | { roles: string[] };
/** As @kavosh/auth-client declares it; a partner route may also let users through. */
export type Access = UserAccess | { partner: string; user?: UserAccess };

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  'x-kavosh-access'?: Access;
}

export interface Doc {
  paths: Record<string, Record<string, Operation>>;
  'x-kavosh-upstreams'?: Record<string, { status: string }>;
}

export interface Op {
  /** e.g. `GET /api/catalog/movies/{id}` */
  name: string;
  method: string;
  path: string;
  operation: Operation;
}

/** The methods fuzzed; HEAD/OPTIONS/TRACE are the framework's, not a route's. */
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export const operationsOf = (doc: Pick<Doc, 'paths'>): Op[] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      name: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      operation: item[method] as Operation,
    })),
  );

/** Follows local `$ref`s (`#/components/...`). */
export function resolve(schema: Schema | undefined, doc: unknown): Schema | undefined {
  let current = schema;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 16; hops += 1) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc) as
      Schema | undefined;
  }
  return current;
}

/** The roles a token needs to get past the edge on this operation (none: public). */
export function rolesFor(op: Op): string[] | undefined {
  const declared = op.operation['x-kavosh-access'];
  // A partner credential is not something the fuzzer can mint: partner routes are fuzzed with the
  // user access they also allow, else with a user token (refused, which is an answer to check).
  const access =
    typeof declared === 'object' && 'partner' in declared
      ? (declared.user ?? 'authenticated')
      : declared;
  if (access === undefined || access === 'public') return undefined;
  if (access === 'authenticated') return ['user'];
  return access.roles;
}

export const isPublic = (op: Op): boolean => rolesFor(op) === undefined;

export const parametersOf = (op: Op, where: Parameter['in']): Parameter[] =>
  (op.operation.parameters ?? []).filter((p) => p.in === where);

/** The JSON body's schema, when the operation takes one. */
export const jsonBodyOf = (op: Op, doc: unknown): Schema | undefined => {
  const content = op.operation.requestBody?.content;
  if (!content?.['application/json']) return undefined;
  return resolve(content['application/json'].schema, doc) ?? {};
};

/** The other media types the operation declares for its body (multipart uploads, ...). */
export const otherBodyTypesOf = (op: Op): string[] =>
  Object.keys(op.operation.requestBody?.content ?? {}).filter((t) => t !== 'application/json');

/** The type a schema allows (ignoring `null`), looking through a union's first non-null member. */
export function typeOf(schema: Schema | undefined, doc: unknown): string | undefined {
  const resolved = resolve(schema, doc);
  if (!resolved) return undefined;
  if (typeof resolved.type === 'string') return resolved.type;
  if (Array.isArray(resolved.type)) {
    return (resolved.type as string[]).find((t) => t !== 'null');
  }
  const options = (resolved.anyOf ?? resolved.oneOf) as Schema[] | undefined;
  if (options) {
    for (const option of options) {
      const type = typeOf(option, doc);
      if (type && type !== 'null') return type;
    }
  }
  if ('const' in resolved) return typeof resolved.const;
  if (Array.isArray(resolved.enum)) return typeof resolved.enum[0];
  return undefined;
}
