import AjvCompiler from '@fastify/ajv-compiler';

type RouteDefinition = AjvCompiler.RouteDefinition;
type ExternalSchemas = Parameters<AjvCompiler.BuildCompilerFromPool>[0];

// `text`: free text whose content a service checks itself, to answer its own stable codes
// (TEXT_FORMAT); the schema says what it is without refusing anything.
const SHARED_AJV_OPTIONS = {
  removeAdditional: false,
  allErrors: true,
  useDefaults: true,
  formats: { text: true },
} as const;
// A JSON body already has types: coercing "12" to 12 there would hide client bugs.
const BODY_AJV_OPTIONS = { ...SHARED_AJV_OPTIONS, coerceTypes: false } as const;
// Querystring, params and headers arrive as strings and need coercion; 'array' turns ?a=1 into [1].
const STRING_PARTS_AJV_OPTIONS = { ...SHARED_AJV_OPTIONS, coerceTypes: 'array' } as const;

const CLOSED_PARTS = new Set(['body', 'querystring', 'params']);

/**
 * A Fastify validator factory: Ajv without body coercion, and object schemas in body, querystring
 * and params closed (additionalProperties: false) unless they say otherwise.
 */
export function createValidatorFactory(): AjvCompiler.BuildCompilerFromPool {
  const bodyPool = AjvCompiler();
  const stringPartsPool = AjvCompiler();
  return (externalSchemas: ExternalSchemas) => {
    const body = bodyPool(externalSchemas, { customOptions: BODY_AJV_OPTIONS });
    const stringParts = stringPartsPool(externalSchemas, {
      customOptions: STRING_PARTS_AJV_OPTIONS,
    });
    return (route: RouteDefinition) => {
      const part = route.httpPart ?? '';
      const closed = CLOSED_PARTS.has(part) ? closeObjects(route.schema) : route.schema;
      const schema = isSchema(closed) ? closed : route.schema;
      if (part === 'body') return body({ ...route, schema });
      return finiteOnly(stringParts({ ...route, schema }));
    };
  };
}

type Validate = ReturnType<ReturnType<AjvCompiler.BuildCompilerFromPool>>;
interface ValidationError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message: string;
}

/**
 * Ajv coerces "1e309" or "Infinity" in a query or path to Infinity, which passes `integer` and
 * every minimum/maximum check; a handler would then hand it to the database. A string part whose
 * coerced values hold a non-finite number is refused like any other invalid value.
 */
function finiteOnly(validate: Validate): Validate {
  const checked = Object.assign(
    function (this: unknown, data: unknown, ctx?: unknown) {
      const valid = (validate as (this: unknown, d: unknown, c?: unknown) => unknown).call(
        this,
        data,
        ctx,
      );
      checked.errors = (validate as { errors?: unknown }).errors;
      if (valid !== true) return valid;
      const path = nonFinitePath(data);
      if (path === undefined) return true;
      const error: ValidationError = {
        keyword: 'type',
        instancePath: path,
        schemaPath: '#/type',
        params: { type: 'number' },
        message: 'must be a finite number',
      };
      checked.errors = [error];
      return false;
    },
    { errors: undefined as unknown },
  );
  // Fastify passes the parent to Ajv (for coercing a root value) only when it sees schemaEnv.
  const schemaEnv = (validate as { schemaEnv?: unknown }).schemaEnv;
  if (schemaEnv !== undefined) Object.assign(checked, { schemaEnv });
  return checked as unknown as Validate;
}

function nonFinitePath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = nonFinitePath(inner, `${path}/${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

const SCHEMA_LISTS = ['anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_VALUES = ['items', 'not', 'if', 'then', 'else', 'contains', 'additionalItems'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'];

/**
 * Copies a JSON schema with additionalProperties: false on every object schema that has
 * properties and no additionalProperties of its own. Members of allOf stay open: closing
 * them would reject the properties the other members add.
 */
export function closeObjects(schema: unknown, insideAllOf = false): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const copy: Record<string | symbol, unknown> = { ...schema };
  for (const key of SCHEMA_LISTS) {
    const list = copy[key];
    if (Array.isArray(list)) copy[key] = list.map((s: unknown) => closeObjects(s));
  }
  const allOf = copy.allOf;
  if (Array.isArray(allOf)) copy.allOf = allOf.map((s: unknown) => closeObjects(s, true));
  for (const key of SCHEMA_VALUES) {
    if (key in copy) copy[key] = closeObjects(copy[key]);
  }
  for (const key of SCHEMA_MAPS) {
    const map = copy[key];
    if (typeof map === 'object' && map !== null) {
      copy[key] = Object.fromEntries(
        Object.entries(map).map(([name, s]) => [name, closeObjects(s)]),
      );
    }
  }
  if (typeof copy.additionalProperties === 'object')
    copy.additionalProperties = closeObjects(copy.additionalProperties);
  else if (!insideAllOf && 'properties' in copy && !('additionalProperties' in copy))
    copy.additionalProperties = false;
  return copy;
}

function isSchema(value: unknown): value is RouteDefinition['schema'] {
  return typeof value === 'boolean' || (typeof value === 'object' && value !== null);
}
