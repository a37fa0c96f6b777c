import { describe, expect, it } from 'vitest';
import { OVERLAYS, render } from './support/kustomize.js';
import {
  WORKLOAD_SCHEMAS,
  environmentProblems,
  parseSchemas,
  readRepoSchemas,
  sharedVariables,
} from './support/env-schema.js';
import { environmentOf, workloadsOf } from './support/workloads.js';

// Cross-variable rules a schema cannot state: readConfig demands exactly one of each group.
const EXACTLY_ONE_OF: Record<string, string[][]> = {
  auth: [['JWT_PRIVATE_JWKS', 'JWT_PRIVATE_JWKS_FILE']],
};

const schemas = readRepoSchemas();
const shared = sharedVariables(schemas);

describe('the config schemas read from the source', () => {
  it('finds every workload schema with its required variables', () => {
    for (const schemaName of Object.values(WORKLOAD_SCHEMAS))
      expect(schemas.get(schemaName)?.has('PORT')).toBe(true);
    expect(schemas.get('CatalogEnv')?.get('DATABASE_URL')?.required).toBe(true);
    expect(schemas.get('CatalogEnv')?.get('AMQP_URL')?.required).toBe(false);
    expect(schemas.get('AuthEnv')?.get('JWT_ISSUER')?.defaultText).toBe("'http://localhost:8080'");
    expect(schemas.get('GatewayEnv')?.get('AUTH_URL')?.defaultText).toContain('127.0.0.1');
  });

  it('reports a required variable the manifests leave out', () => {
    const [schema] = parseSchemas([
      [
        'export const DemoEnv = Type.Object({',
        '  PORT: Type.Integer({ default: 3000 }),',
        "  DATABASE_URL: Type.String({ pattern: '^mysql://' }),",
        '  EXTRA: Type.Optional(Type.String()),',
        '});',
      ].join('\n'),
    ]).values();
    expect(schema).toBeDefined();
    const problems = environmentProblems(schema ?? new Map(), new Map([['PORT', '3000']]));
    expect(problems).toEqual(['DATABASE_URL is missing']);
  });

  it('reports a variable no process reads', () => {
    const schema = schemas.get('CatalogEnv') ?? new Map();
    const env = new Map([
      ['DATABASE_URL', 'x'],
      ['AMQP_URL', 'x'],
      ['REDIS_URL', 'x'],
      ['CURSOR_SECRET', 'x'],
      ['MEDIA_SIGNING_SECRET', 'x'],
      ['MEDIA_ORIGIN_URL', 'https://media.kavosh.example.com'],
      ['AUTH_JWKS_URL', 'http://auth:3001/.well-known/jwks.json'],
      ['JWT_ISSUER', 'https://kavosh.example.com'],
      ['DATABSE_URL', 'x'],
    ]);
    expect(environmentProblems(schema, env)).toEqual(['DATABSE_URL is not read by the process']);
  });
});

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const workloads = () => workloadsOf(render(overlay));

  it.each(Object.entries(WORKLOAD_SCHEMAS))(
    'gives %s every variable its schema %s needs, and none it does not read',
    (workload, schemaName) => {
      const schema = schemas.get(schemaName);
      const deployment = workloads().find((w) => w.name === workload);
      const container = deployment?.pod.containers.find((c) => c.name === workload);
      expect(schema && container).toBeTruthy();
      if (!schema || !container) return;
      const env = environmentOf(container, render(overlay));
      const rules = EXACTLY_ONE_OF[workload];
      expect(environmentProblems(schema, env, rules, shared)).toEqual([]);
    },
  );

  it('listens on the port its container and Service expose', () => {
    const objects = render(overlay);
    for (const workload of Object.keys(WORKLOAD_SCHEMAS)) {
      const container = workloadsOf(objects)
        .find((w) => w.name === workload)
        ?.pod.containers.find((c) => c.name === workload);
      const port = container ? environmentOf(container, objects).get('PORT') : undefined;
      expect([workload, Number(port)]).toEqual([workload, container?.ports?.[0]?.containerPort]);
    }
  });
});
