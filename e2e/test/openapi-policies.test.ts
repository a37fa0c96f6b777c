import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import type { RunningProcess } from './processes.js';
import { accessTokenFor, SERVICES, type ServiceName } from './service-env.js';
import { startSystem, type RunningSystem } from './system-processes.js';

/**
 * The edge policy, as each service declares it beside its routes (`x-kavosh-access` in its
 * OpenAPI document), enforced by the gateway: every route of every service, read from the
 * gateway's merged document, is called through the gateway anonymously and with each role, and
 * must be let through or refused exactly as declared; undeclared and internal routes are 404.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/**
 * Routes the design (the architecture's public API) makes public: each must be `public` at the
 * edge. Compared by shape (parameter names and a trailing slash do not matter). Billing's
 * webhook is public at the edge and checked by its provider signature instead of a token.
 */
const PUBLIC_BY_DESIGN = [
  'GET /.well-known/jwks.json',
  'GET /api/auth/.well-known/jwks.json',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'GET /api/catalog/movies',
  'GET /api/catalog/movies/{id}',
  'GET /api/catalog/genres',
  'GET /api/catalog/people/{id}',
  'GET /api/billing/plans',
  'POST /api/billing/webhooks/provider',
  'GET /api/social/users/{id}',
  'GET /api/social/movies/{id}/rating',
  'GET /api/social/movies/{id}/comments',
  'GET /api/social/comments/{id}/replies',
];

/** `GET /api/x/{id}/` and `GET /api/x/{slug}` are the same route. */
const shapeOf = (name: string): string => name.replace(/\{[^}]+\}/g, '{}').replace(/\/$/, '');

/**
 * What a service answers (through the auth-client) a request without any token on a route that
 * needs one. TOKEN_INVALID is left out: it answers a token sent but refused (and auth uses it for
 * a bad refresh token, on a public route).
 */
const TOKEN_REQUIRED = 'UNAUTHENTICATED';

/** Answers of Fastify's validation, which runs before a route's auth check (preHandler). */
const REFUSED_BEFORE_AUTH = new Set([400, 413, 415]);

// Variables only one service needs.

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: { content?: Record<string, unknown> };
  'x-kavosh-access'?:
    string | { roles: string[] } | { partner: string; user?: string | { roles: string[] } };
}

/**
 * The user part of an operation's rule: a partner rule (`{ partner, user? }`, docs/partners.md)
 * lets users through as its `user` says, and no user at all without one.
 */
const userAccessOf = (op: Op): string | { roles: string[] } | undefined => {
  const access = op.operation['x-kavosh-access'];
  if (typeof access === 'object' && 'partner' in access) return access.user ?? { roles: [] };
  return access;
};
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  'x-kavosh-upstreams': Record<string, { status: string }>;
}

const ROLES = ['user', 'editor', 'moderator', 'admin'] as const;

/** The roles an operation's declared access lets through. */
const allowedRoles = (op: Op): readonly string[] => {
  const access = userAccessOf(op);
  if (access === 'public' || access === 'authenticated') return ROLES;
  return typeof access === 'object' ? access.roles : [];
};
interface Op {
  /** e.g. `GET /api/catalog/movies/{id}` */
  name: string;
  method: string;
  path: string;
  operation: Operation;
}

const operationsOf = (doc: Pick<Doc, 'paths'>, prefix = ''): Op[] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      name: `${method.toUpperCase()} ${prefix}${path}`,
      method: method.toUpperCase(),
      path: `${prefix}${path}`,
      operation: item[method] as Operation,
    })),
  );

type Schema = Record<string, unknown>;

/**
 * A value the schema accepts, as far as a small sampler can tell (formats, enums, bounds,
 * required properties, local $refs): a request valid enough to reach the service's auth check,
 * which runs after validation. Where it guesses wrong the service answers 400 and the probe tells
 * nothing, never something false.
 */
function sampleOf(schema: Schema | undefined, doc: unknown, depth = 0): unknown {
  if (!schema || depth > 8) return 'probe';
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    return sampleOf(target as Schema | undefined, doc, depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (options) {
    return sampleOf(options.find((option) => option.type !== 'null') ?? options[0], doc, depth + 1);
  }
  const type = Array.isArray(schema.type)
    ? (schema.type as string[]).find((t) => t !== 'null')
    : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(
        required.map((name) => [name, sampleOf(properties[name], doc, depth + 1)]),
      );
    }
    case 'array': {
      const count = Number(schema.minItems ?? 0);
      return Array.from({ length: count }, () => sampleOf(schema.items as Schema, doc, depth + 1));
    }
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? schema.exclusiveMinimum ?? 0) + 1;
    case 'boolean':
      return true;
    default:
      break;
  }
  switch (schema.format) {
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'email':
      return `probe-${randomBytes(4).toString('hex')}@example.com`;
    case 'date-time':
      return new Date(0).toISOString();
    case 'date':
      return '2000-01-01';
    case 'uri':
      return 'https://example.com/probe';
    default: {
      const length = Math.max(Number(schema.minLength ?? 0), 5);
      return 'probe'.padEnd(length, 'e').slice(0, Number(schema.maxLength ?? length));
    }
  }
}

/** The request an anonymous caller would send to an operation: no token, sampled parameters. */
function anonymousRequest(op: Op, strip: string, doc: unknown) {
  const parameters = op.operation.parameters ?? [];
  const valueOf = (p: (typeof parameters)[number]) => String(sampleOf(p.schema as Schema, doc));
  const path = op.path.slice(strip.length).replace(/\{([^}]+)\}/g, (_all, name: string) => {
    const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(parameter ? valueOf(parameter) : 'probe');
  });
  const query = new URLSearchParams(
    parameters
      .filter((p) => p.in === 'query' && p.required)
      .map((p): [string, string] => [p.name, valueOf(p)]),
  );
  const headers: Record<string, string> = Object.fromEntries(
    parameters.filter((p) => p.in === 'header' && p.required).map((p) => [p.name, valueOf(p)]),
  );
  const json = op.operation.requestBody?.content?.['application/json'] as
    { schema?: Schema } | undefined;
  if (json) headers['content-type'] = 'application/json';
  return {
    url: `${path || '/'}${query.size > 0 ? `?${query.toString()}` : ''}`,
    init: {
      method: op.method,
      headers,
      ...(json ? { body: JSON.stringify(sampleOf(json.schema, doc) ?? {}) } : {}),
    },
  };
}

async function probe(base: string, request: ReturnType<typeof anonymousRequest>, token?: string) {
  const headers = token
    ? { ...request.init.headers, authorization: `Bearer ${token}` }
    : request.init.headers;
  const res = await fetch(`${base}${request.url}`, {
    ...request.init,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { code?: unknown }).code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}

/** The headless browser the Swagger UI check drives (CI installs Debian's chromium). */
const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome']
  .flatMap((name) => (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)))
  .find((path) => existsSync(path));

/** Loads a page in headless Chromium, lets its scripts run, and returns the DOM (and a PNG). */
async function renderPage(url: string, screenshot: string): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'kavosh-chromium-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
    '--virtual-time-budget=15000',
    '--window-size=1280,2400',
  ];
  const run = promisify(execFile);
  try {
    // On a loaded machine headless Chromium now and then exits 0 without writing the file:
    // one more try before the test reads it.
    for (let attempt = 1; attempt <= 2 && !existsSync(screenshot); attempt++) {
      await run(CHROMIUM ?? 'chromium', [...flags, `--screenshot=${screenshot}`, url], {
        timeout: 60_000,
      });
    }
    const { stdout } = await run(CHROMIUM ?? 'chromium', [...flags, '--dump-dom', url], {
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

const isPublic = (op: Op) => userAccessOf(op) === 'public';

describe('the edge policy each service declares, against every route of every service', () => {
  let system: RunningSystem;
  let processes: RunningProcess[];
  let upstreamUrl: Record<ServiceName, string>;
  let gateway: RunningProcess;
  let merged: Doc;
  let edgeOps: Op[];

  beforeAll(async () => {
    system = await startSystem({
      label: 'e2e-openapi',
      gatewayEnv: {
        OPENAPI_RETRY_MIN_MS: '200',
        OPENAPI_RETRY_MAX_MS: '1000',
        // Every route is probed anonymously from one address: the standard limit is not the test.
        RATE_LIMIT_MAX: '100000',
      },
    });
    ({ processes, gateway, urls: upstreamUrl } = system);

    // The gateway starts before the services are up: the document fills in as they come.
    merged = await eventually(
      async () => {
        const res = await fetch(`${gateway.url}/openapi.json`);
        expect(res.status).toBe(200);
        const doc = (await res.json()) as Doc;
        for (const name of SERVICES) {
          expect(doc['x-kavosh-upstreams'][name], name).toEqual(
            expect.objectContaining({ status: 'loaded' }),
          );
        }
        return doc;
      },
      { within: 90_000, interval: 500 },
    ).catch((err: unknown) => {
      const logs = processes.map((proc) => `--- ${proc.name}\n${proc.output().slice(-2_000)}`);
      throw new Error(`the merged document never listed every service:\n${logs.join('\n')}`, {
        cause: err,
      });
    });
    edgeOps = operationsOf(merged).filter(
      (op) => op.path.startsWith('/api/') || op.path.startsWith('/.well-known/'),
    );
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(
      structuredClone(merged) as unknown as Record<string, unknown>,
    );
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
  });

  it('lists every route of every service exactly once, under its public prefix', async () => {
    for (const name of SERVICES) {
      const res = await fetch(`${upstreamUrl[name]}/openapi.json`);
      const own = operationsOf((await res.json()) as Doc, `/api/${name}`).map((op) =>
        // A root route is served with and without its trailing slash, documented without it.
        op.name.replace(/\/$/, ''),
      );
      const listed = edgeOps
        .filter((op) => op.path === `/api/${name}` || op.path.startsWith(`/api/${name}/`))
        .map((op) => op.name);
      expect([...listed].sort(), name).toEqual([...own].sort());
      // Once: no two operations differ only by a trailing slash or a parameter's name.
      const shapes = listed.map(shapeOf);
      const twice = shapes.filter((shape, i) => shapes.indexOf(shape) !== i);
      expect(twice, `${name}: routes listed more than once`).toEqual([]);
    }
  });

  it('has an access declaration for every route each service serves', async () => {
    for (const name of SERVICES) {
      const res = await fetch(`${upstreamUrl[name]}/openapi.json`);
      const undeclared = operationsOf((await res.json()) as Doc)
        .filter((op) => op.operation['x-kavosh-access'] === undefined)
        .map((op) => op.name);
      expect(undeclared, `${name}: routes without config.access`).toEqual([]);
    }
  });

  it('makes public at the edge every route the design makes public', () => {
    const wrong = PUBLIC_BY_DESIGN.filter((name) => {
      const op = edgeOps.find((candidate) => shapeOf(candidate.name) === shapeOf(name));
      return !op || !isPublic(op);
    });
    expect(wrong, 'missing, or not public at the edge').toEqual([]);
  });

  it('agrees with each service: public at the edge exactly where the service asks no token', async () => {
    const disagreements: string[] = [];
    for (const op of edgeOps.filter((candidate) => candidate.path.startsWith('/api/'))) {
      const service = op.path.split('/')[2] as ServiceName;
      const prefix = `/api/${service}`;
      const answer = await probe(upstreamUrl[service] ?? '', anonymousRequest(op, prefix, merged));
      const wantsToken = answer.status === 401 && answer.code === TOKEN_REQUIRED;
      if (isPublic(op) && wantsToken) {
        disagreements.push(`${op.name}: public at the edge, but ${service} asks for a token`);
      }
      // Services check the token again (the edge is not the only guard): where the edge wants
      // one, the service must answer UNAUTHENTICATED too, unless validation, which runs first,
      // refused the sampled request. A 2xx or a 404 means it served or looked up without a token.
      if (!isPublic(op) && !wantsToken && !REFUSED_BEFORE_AUTH.has(answer.status)) {
        disagreements.push(
          `${op.name}: the edge requires a token, but ${service} answers ` +
            `${answer.status} ${String(answer.code)} to a request without one`,
        );
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('refuses every non-public route without a token at the gateway, as the document says', async () => {
    const passed: string[] = [];
    for (const op of edgeOps.filter((candidate) => !isPublic(candidate))) {
      const answer = await probe(gateway.url, anonymousRequest(op, '', merged));
      if (answer.status !== 401 || answer.code !== TOKEN_REQUIRED) {
        passed.push(`${op.name}: ${answer.status} ${String(answer.code)}`);
      }
    }
    expect(
      passed,
      'the document says these need a token, but the gateway let them through',
    ).toEqual([]);
  });

  it('lets each role through, or refuses it with 403, exactly as each route declares', async () => {
    const wrong: string[] = [];
    const tokens = Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => [role, await accessTokenFor(system.signingKeys, [role])]),
      ),
    ) as Record<(typeof ROLES)[number], string>;
    for (const op of edgeOps.filter((candidate) => !isPublic(candidate))) {
      const allowed = allowedRoles(op);
      for (const role of ROLES) {
        const answer = await probe(gateway.url, anonymousRequest(op, '', merged), tokens[role]);
        const refused = answer.status === 401 || answer.code === 'FORBIDDEN';
        if (allowed.includes(role) && refused) {
          wrong.push(`${op.name} as ${role}: refused ${answer.status} ${String(answer.code)}`);
        }
        if (!allowed.includes(role) && (answer.status !== 403 || answer.code !== 'FORBIDDEN')) {
          wrong.push(`${op.name} as ${role}: ${answer.status} ${String(answer.code)}, not 403`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 404 for a route no service declared, and for every internal endpoint, whoever calls', async () => {
    const admin = await accessTokenFor(system.signingKeys, ['admin']);
    const targets = [
      ['GET', '/api/catalog/no-such-route'],
      ['DELETE', '/api/catalog/genres'],
      ['GET', '/api/nosuchservice/movies'],
      ...SERVICES.flatMap((name) =>
        ['/metrics', '/health/ready', '/health/live', '/health/dependencies', '/openapi.json'].map(
          (path) => ['GET', `/api/${name}${path}`],
        ),
      ),
    ] as const;
    const leaked: string[] = [];
    for (const [method, path] of targets) {
      for (const authorization of [undefined, `Bearer ${admin}`]) {
        const res = await fetch(`${gateway.url}${path}`, {
          method,
          headers: authorization ? { authorization } : {},
        });
        const body = (await res.json()) as { code?: string };
        if (res.status !== 404 || body.code !== 'ROUTE_NOT_FOUND') {
          leaked.push(`${method} ${path}${authorization ? ' (admin)' : ''}: ${res.status}`);
        }
      }
    }
    expect(leaked).toEqual([]);
  });

  it('serves the public reads the design names, by the paths clients use', async () => {
    for (const path of ['/api/catalog/movies', '/api/catalog/movies/', '/api/catalog/genres']) {
      const res = await fetch(`${gateway.url}${path}`);
      expect(res.status, path).toBe(200);
    }
  });

  it('refuses a non-canonical spelling of a route with 400 instead of deciding it another way', async () => {
    const login = { email: 'nobody@example.com', password: 'not-the-password' };
    for (const path of ['/api/auth/log%69n', '/api/auth/%75sers', '/api//auth/login']) {
      const res = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(login),
      });
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'PATH_NOT_ALLOWED' });
    }
  });

  it('renders every operation in Swagger UI at /docs, in headless Chromium', async () => {
    if (!CHROMIUM)
      throw new Error('chromium is not on PATH (apt-get install chromium; .ci/run does it)');
    const dir = await mkdtemp(join(tmpdir(), 'kavosh-docs-'));
    try {
      const screenshot = join(dir, 'docs.png');
      const dom = await renderPage(`${gateway.url}/docs/`, screenshot);
      const shown = new Set([...dom.matchAll(/data-path="([^"]+)"/g)].map((m) => m[1]));
      const missing = edgeOps.map((op) => op.path).filter((path) => !shown.has(path));
      expect(missing, 'operations Swagger UI did not render').toEqual([]);
      const png = await readFile(screenshot);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.length).toBeGreaterThan(20_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
