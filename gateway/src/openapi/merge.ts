import { ACCESS_EXTENSION, isAccess, type Access } from '@kavosh/auth-client';
import { EDGE_COMPONENTS, withEdgeAnswers } from './edge-answers.js';

/** A JSON object as it came off the wire; OpenAPI documents are handled as plain data. */
export type Json = Record<string, unknown>;

/** An OpenAPI 3.1 document: only the parts the merge reads are typed. */
export interface OpenApiDocument extends Json {
  openapi: string;
  info: Json;
  paths: Record<string, Record<string, Json>>;
  components?: Record<string, Record<string, unknown>>;
  tags?: Json[];
}

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** The scheme every non-public operation requires: the access token auth issues. */
export const BEARER_SCHEME = 'bearerAuth';

export const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a fetched document must look like before it is merged; anything else is refused. */
export function asOpenApiDocument(value: unknown): OpenApiDocument {
  if (!isJson(value) || typeof value.openapi !== 'string' || !/^3\./.test(value.openapi)) {
    throw new Error('not an OpenAPI 3 document');
  }
  if (!isJson(value.info) || !isJson(value.paths))
    throw new Error('document without info or paths');
  for (const item of Object.values(value.paths)) {
    if (!isJson(item)) throw new Error('a path item is not an object');
  }
  if (value.components !== undefined && !isJson(value.components)) {
    throw new Error('components is not an object');
  }
  return value as OpenApiDocument;
}

const LOCAL_COMPONENT_REF = /^#\/components\/([^/]+)\/(.+)$/;

/** A deep copy of value with every local component $ref renamed by rename(section, name). */
function rewriteRefs(value: unknown, rename: (section: string, name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rename));
  if (!isJson(value)) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    const match =
      key === '$ref' && typeof child === 'string' ? LOCAL_COMPONENT_REF.exec(child) : null;
    out[key] =
      match?.[1] && match[2]
        ? `#/components/${match[1]}/${rename(match[1], match[2])}`
        : rewriteRefs(child, rename);
  }
  return out;
}

/**
 * One service's document as the gateway publishes it: paths under /api/<service>, component names
 * prefixed `<service>.` (with every $ref rewritten), operation ids prefixed, each operation tagged
 * with the service so Swagger UI groups them.
 */
export function prefixDocument(service: string, doc: OpenApiDocument): OpenApiDocument {
  const rename = (_section: string, name: string) => `${service}.${name}`;
  const paths: OpenApiDocument['paths'] = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const rewritten = rewriteRefs(item, rename) as Record<string, Json>;
    for (const method of HTTP_METHODS) {
      const operation = rewritten[method];
      if (!isJson(operation)) continue;
      if (typeof operation.operationId === 'string') {
        operation.operationId = `${service}.${operation.operationId}`;
      }
      operation.tags = [service];
      // An operation its service did not declare access for is refused at the edge: not published.
      if (!isAccess(operation[ACCESS_EXTENSION])) delete rewritten[method];
    }
    if (!HTTP_METHODS.some((method) => isJson(rewritten[method]))) continue;
    // A plugin's root route is served with and without its trailing slash (edge-policies.ts):
    // documented without it, as clients write it.
    paths[`/api/${service}${path.replace(/\/$/, '')}`] = rewritten;
  }
  const components: NonNullable<OpenApiDocument['components']> = {};
  for (const [section, entries] of Object.entries(doc.components ?? {})) {
    if (!isJson(entries) || section === 'securitySchemes') continue;
    components[section] = Object.fromEntries(
      Object.entries(entries).map(([name, value]) => [
        rename(section, name),
        rewriteRefs(value, rename),
      ]),
    );
  }
  return { ...doc, paths, components };
}

/** How the merged document describes an edge access rule. */
export const describeAccess = (access: Access): string | Json =>
  typeof access === 'string' ? access : (JSON.parse(JSON.stringify(access)) as Json);

/** The partner key scheme (docs/partners.md): `X-Kavosh-Key` or `Authorization: KavoshPartner`. */
export const PARTNER_SCHEME = 'partnerKey';

/** The scheme of an access token that carries `role` (`bearerAuth.admin`). */
export const roleScheme = (role: string): string => `${BEARER_SCHEME}.${role}`;

/**
 * OpenAPI security alternatives of a rule: a bearer token (one carrying one of the roles, when
 * the rule names roles), a partner key, or either. A public route says so with the empty
 * requirement `{}`: anyone may call it.
 */
function securityOf(access: Access): Json[] {
  if (typeof access === 'object' && 'partner' in access) {
    const user = access.user === undefined ? [] : securityOf(access.user);
    return [...user, { [PARTNER_SCHEME]: [] }];
  }
  if (access === 'public') return [{}];
  if (typeof access === 'object') return access.roles.map((role) => ({ [roleScheme(role)]: [] }));
  return [{ [BEARER_SCHEME]: [] }];
}

/** A scheme per role the document's operations require: the same token, naming the role. */
function roleSchemes(paths: OpenApiDocument['paths']): Json {
  const schemes: Json = {};
  for (const item of Object.values(paths)) {
    for (const method of HTTP_METHODS) {
      const security = item[method]?.security;
      if (!Array.isArray(security)) continue;
      for (const requirement of security as Json[]) {
        for (const name of Object.keys(requirement)) {
          if (!name.startsWith(`${BEARER_SCHEME}.`)) continue;
          const role = name.slice(BEARER_SCHEME.length + 1);
          schemes[name] = {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: `An access token (see ${BEARER_SCHEME}, RFC8725 checks) whose roles include ${role}.`,
          };
        }
      }
    }
  }
  return schemes;
}

export interface MergeInput {
  info: Json;
  /** Where the API is served (relative to the document's own URL). */
  servers?: Json[];
  /** The gateway's own operations (health, JWKS, this document), paths as served. */
  own: OpenApiDocument['paths'];
  /** Components the gateway's own operations refer to. */
  ownComponents: NonNullable<OpenApiDocument['components']>;
  /** Each upstream's document as its service serves it, or null while it could not be fetched. */
  upstreams: { name: string; doc: OpenApiDocument | null; fetchedAt: Date | null }[];
}

/**
 * The one document the gateway serves: its own routes and every upstream's route that its service
 * declared access for, each operation carrying that rule (`x-kavosh-access`, the one the edge
 * enforces) and its security requirement (`{}` when public), with the answers the edge adds
 * (edge-answers.ts). Upstreams not fetched yet are listed in
 * `x-kavosh-upstreams`.
 */
export function mergeDocuments(input: MergeInput): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const components: NonNullable<OpenApiDocument['components']> = {
    ...input.ownComponents,
    ...EDGE_COMPONENTS,
    schemas: { ...input.ownComponents.schemas, ...EDGE_COMPONENTS.schemas },
    securitySchemes: {
      [BEARER_SCHEME]: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'An access token from POST /api/auth/login or /api/auth/refresh: a short-lived JWS ' +
          '(EdDSA) whose algorithm, issuer, audience and expiry are checked as RFC8725 ' +
          'advises. Where an operation lists roles, the token must carry one of them.',
      },
      [PARTNER_SCHEME]: {
        type: 'apiKey',
        in: 'header',
        name: 'X-Kavosh-Key',
        description:
          'A partner key (docs/partners.md); signed scopes also need X-Kavosh-Signature.',
      },
    },
  };
  const tags: Json[] = [{ name: 'gateway', description: "The gateway's own routes." }];
  const addPaths = (from: OpenApiDocument['paths']) => {
    for (const [path, item] of Object.entries(from)) {
      if (paths[path]) throw new Error(`two documents define ${path}`);
      paths[path] = markAccess(path, item);
    }
  };
  addPaths(input.own);
  const upstreams: Json = {};
  for (const { name, doc, fetchedAt } of input.upstreams) {
    upstreams[name] = doc
      ? { status: 'loaded', fetchedAt: fetchedAt?.toISOString() }
      : { status: 'unavailable' };
    if (!doc) continue;
    const prefixed = prefixDocument(name, doc);
    addPaths(prefixed.paths);
    for (const [section, entries] of Object.entries(prefixed.components ?? {})) {
      components[section] = { ...components[section], ...entries };
    }
    const description = typeof doc.info.description === 'string' ? doc.info.description : name;
    tags.push({ name, description });
  }
  components.securitySchemes = { ...components.securitySchemes, ...roleSchemes(paths) };
  return {
    openapi: '3.1.0',
    info: input.info,
    ...(input.servers ? { servers: input.servers } : {}),
    tags,
    paths,
    components,
    'x-kavosh-upstreams': upstreams,
  };
}

/**
 * An operation's declared access (the gateway's own routes are public), its security and the
 * answers the edge adds.
 */
function markAccess(path: string, item: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = { ...item };
  for (const method of HTTP_METHODS) {
    const operation = item[method];
    if (!isJson(operation)) continue;
    const declared = operation[ACCESS_EXTENSION];
    const access: Access = isAccess(declared) ? declared : 'public';
    out[method] = {
      ...withEdgeAnswers(path, operation),
      [ACCESS_EXTENSION]: describeAccess(access),
      security: securityOf(access),
    };
  }
  return out;
}
